#!/usr/bin/env python3
"""Reference coefficients of the linear SVM (squared hinge) on breast_cancer.csv, for LinearSvmTests.

CI has no scikit-learn, so the coefficients are stored next to this script (linear_svm_breast_cancer.csv) and this
script regenerates them: /usr/bin/python3 tests/OrleansTrainer.IntegrationTests/References/linear_svm_breast_cancer.py

The problem is the one the test trains: the features of samples/datasets/breast_cancer.csv standardized column by
column (mean 0, population standard deviation 1, in float64), label "malignant" in {0, 1}, no intercept.
OrleansTrainer minimizes mean(max(0, 1 - t z)^2) + (L2/2)|w|^2 with t = 2y - 1; liblinear's primal L2-loss SVC
minimizes (1/2)|w|^2 + C sum(max(0, 1 - t z)^2): the same minimizer for C = 1 / (n L2). liblinear penalizes an
intercept, hence fit_intercept=False on both sides.
"""
import csv
import os

import numpy as np
from sklearn.svm import LinearSVC

HERE = os.path.dirname(os.path.abspath(__file__))
DATASET = os.path.join(HERE, "..", "..", "..", "samples", "datasets", "breast_cancer.csv")
OUTPUT = os.path.join(HERE, "linear_svm_breast_cancer.csv")
PENALTIES = [1e-2, 1e-3]


def main():
    with open(DATASET, newline="") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], np.array(rows[1:], dtype=np.float64)
    label = header.index("malignant")
    y = body[:, label]
    x = np.delete(body, label, axis=1)
    x = (x - x.mean(axis=0)) / x.std(axis=0)
    n = x.shape[0]
    with open(OUTPUT, "w", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(["l2"] + [h for h in header if h != "malignant"])
        for l2 in PENALTIES:
            svc = LinearSVC(loss="squared_hinge", penalty="l2", dual=False, fit_intercept=False, C=1.0 / (n * l2),
                            tol=1e-14, max_iter=1_000_000)
            svc.fit(x, y)
            w = svc.coef_.ravel()
            t = 2 * y - 1
            gap = np.maximum(0, 1 - t * (x @ w))
            gradient = x.T @ (-2 * t * gap) / n + l2 * w
            assert np.abs(gradient).max() < 1e-8, np.abs(gradient).max()
            out.writerow([repr(l2)] + [repr(float(v)) for v in w])


if __name__ == "__main__":
    main()
