#!/usr/bin/python3
"""Write diabetes.csv, breast_cancer.csv and digits.csv from the data files bundled with scikit-learn.

Run with Debian's interpreter, which has python3-sklearn: /usr/bin/python3 export_sklearn_datasets.py OUT_DIR
The numbers are copied as the text scikit-learn ships them (no reformatting), and each
file is checked against scikit-learn's own loaders before it is written.
"""
import gzip
import os
import sys

import numpy as np
import sklearn
from sklearn.datasets import load_breast_cancer, load_diabetes, load_digits

DATA_DIR = os.path.join(os.path.dirname(sklearn.__file__), "datasets", "data")


def diabetes_rows():
    with gzip.open(os.path.join(DATA_DIR, "diabetes_data_raw.csv.gz"), "rt") as f:
        features = [line.split() for line in f if line.strip()]
    with gzip.open(os.path.join(DATA_DIR, "diabetes_target.csv.gz"), "rt") as f:
        targets = [float(line) for line in f if line.strip()]
    assert len(features) == len(targets) == 442
    assert all(len(row) == 10 for row in features)
    assert all(t.is_integer() for t in targets)
    rows = [row + [str(int(t))] for row, t in zip(features, targets)]
    bunch = load_diabetes(scaled=False)
    assert list(bunch.feature_names) == ["age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6"]
    assert np.array_equal(np.array(rows, dtype=np.float64), np.column_stack([bunch.data, bunch.target]))
    return ["age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6", "progression"], rows


def breast_cancer_rows():
    with open(os.path.join(DATA_DIR, "breast_cancer.csv")) as f:
        counts = f.readline().strip().split(",")
        assert counts == ["569", "30", "malignant", "benign"]
        source = [line.strip().split(",") for line in f if line.strip()]
    assert len(source) == 569 and all(len(row) == 31 for row in source)
    bunch = load_breast_cancer()
    assert list(bunch.target_names) == ["malignant", "benign"]
    # sklearn's target is 0 = malignant, 1 = benign; the "malignant" column is 1 for malignant.
    rows = [row[:30] + [str(1 - int(row[30]))] for row in source]
    expected = np.column_stack([bunch.data, 1 - bunch.target])
    assert np.array_equal(np.array(rows, dtype=np.float64), expected)
    header = [name.replace(" ", "_") for name in bunch.feature_names] + ["malignant"]
    return header, rows


def digits_rows():
    with gzip.open(os.path.join(DATA_DIR, "digits.csv.gz"), "rt") as f:
        source = [line.strip().split(",") for line in f if line.strip()]
    assert len(source) == 1797 and all(len(row) == 65 for row in source)
    # The pixels and the class are written as integers (the source has "0.0"-style floats).
    rows = [[str(int(float(v))) for v in row] for row in source]
    bunch = load_digits()
    assert np.array_equal(np.array(rows, dtype=np.float64), np.column_stack([bunch.data, bunch.target]))
    header = [f"pixel_{i // 8}_{i % 8}" for i in range(64)] + ["digit"]
    return header, rows


def write_csv(path, header, rows):
    with open(path, "w", newline="\n") as f:
        f.write(",".join(header) + "\n")
        for row in rows:
            f.write(",".join(row) + "\n")


def main():
    out_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    write_csv(os.path.join(out_dir, "diabetes.csv"), *diabetes_rows())
    write_csv(os.path.join(out_dir, "breast_cancer.csv"), *breast_cancer_rows())
    write_csv(os.path.join(out_dir, "digits.csv"), *digits_rows())
    print(f"scikit-learn {sklearn.__version__} from {DATA_DIR}")


if __name__ == "__main__":
    main()
