#!/usr/bin/env python3
"""Reference values for the evaluation-metric tests (tests/OrleansTrainer.Client.Tests/Metrics).

Draws seeded margins z (one per output), labels and instance weights for every model family, predicts from the margins
as the models do, and asks scikit-learn for its metrics of those predictions. Writes sklearn_metrics.json beside this
script; the tests read that file and never run Python. Regenerate after changing a case:

    /usr/bin/python3 make_references.py        # Debian: apt-get install python3-sklearn

Besides scikit-learn's values each case stores "Loss" (the model's own mean loss, from the formulas in ModelKind's docs)
and, for binary models, "AucErrorBound": the bound the histogram AUC states, recomputed here from the same 65,536
score bins (the score as float32, its bits mapped to an order-preserving uint32, the top 16 bits the bin).
"""

import json
import os

import numpy as np
import sklearn
from scipy.special import expit, logsumexp, softmax
from sklearn.metrics import (accuracy_score, confusion_matrix, explained_variance_score, f1_score, log_loss,
                             mean_absolute_error, mean_squared_error, precision_score, r2_score, recall_score,
                             roc_auc_score)

SEED = 20261205
HERE = os.path.dirname(os.path.abspath(__file__))


def weights_for(rng, n, weighted):
    return np.round(rng.uniform(0.1, 3.0, n), 3) if weighted else None


def average(values, w):
    return float(np.average(values, weights=w))


def regression_loss(model, z, y, delta):
    r = z - y
    if model == "LinearRegression":
        return 0.5 * r * r
    if model == "HuberRegression":
        return np.where(np.abs(r) <= delta, 0.5 * r * r, delta * (np.abs(r) - 0.5 * delta))
    return np.exp(z) - y * z  # PoissonRegression


def regression_case(name, model, z, y, w, delta=1.35):
    pred = np.exp(z) if model == "PoissonRegression" else z
    expected = {
        "Loss": average(regression_loss(model, z, y, delta), w),
        "Rmse": float(np.sqrt(mean_squared_error(y, pred, sample_weight=w))),
        "Mae": float(mean_absolute_error(y, pred, sample_weight=w)),
        "R2": float(r2_score(y, pred, sample_weight=w)),
        "ExplainedVariance": float(explained_variance_score(y, pred, sample_weight=w)),
    }
    return case(name, model, 1, z[:, None], y, w, expected, [], huber_delta=delta)


def score_bins(z):
    f = z.astype(np.float32)
    f = np.where(f == 0, np.float32(0), f)  # -0 shares +0's bin
    bits = f.view(np.uint32)
    ordered = np.where(bits & np.uint32(0x80000000), ~bits, bits | np.uint32(0x80000000))
    return (ordered >> 16).astype(np.int64)


def auc_error_bound(z, y, w):
    w = np.ones_like(z) if w is None else w
    bins = score_bins(z)
    mixed = 0.0
    for b in np.unique(bins):
        rows = bins == b
        if np.unique(z[rows]).size > 1:
            mixed += w[rows & (y == 1)].sum() * w[rows & (y == 0)].sum()
    return float(mixed / (2.0 * w[y == 1].sum() * w[y == 0].sum()))


def binary_case(name, model, z, y, w, exact_auc=False):
    if model == "LogisticRegression":
        p = expit(z)
        pred = (p >= 0.5).astype(int)
        loss = np.logaddexp(0.0, z) - y * z
    else:  # LinearSvm: class 1 when the decision value is >= 0
        pred = (z >= 0).astype(int)
        loss = np.maximum(0.0, 1.0 - (2 * y - 1) * z) ** 2
    expected = {
        "Loss": average(loss, w),
        "Accuracy": float(accuracy_score(y, pred, sample_weight=w)),
        "Precision": float(precision_score(y, pred, sample_weight=w, zero_division=0)),
        "Recall": float(recall_score(y, pred, sample_weight=w, zero_division=0)),
        "F1": float(f1_score(y, pred, sample_weight=w, zero_division=0)),
        "Auc": float(roc_auc_score(y, z, sample_weight=w)),
        "AucErrorBound": auc_error_bound(z, y, w),
    }
    if model == "LogisticRegression":
        expected["LogLoss"] = float(log_loss(y, p, sample_weight=w, labels=[0, 1]))
    if exact_auc:
        assert expected["AucErrorBound"] == 0.0, name
    confusion = confusion_matrix(y, pred, labels=[0, 1], sample_weight=w)
    return case(name, model, 1, z[:, None], y, w, expected, confusion, exact_auc=exact_auc)


def multiclass_case(name, z, y, w):
    k = z.shape[1]
    pred = np.argmax(z, axis=1)  # the first of tied maxima
    expected = {
        "Loss": average(logsumexp(z, axis=1) - z[np.arange(len(y)), y], w),
        "LogLoss": float(log_loss(y, softmax(z, axis=1), sample_weight=w, labels=list(range(k)))),
        "Accuracy": float(accuracy_score(y, pred, sample_weight=w)),
        "MacroF1": float(f1_score(y, pred, average="macro", sample_weight=w, zero_division=0)),
        "MicroF1": float(f1_score(y, pred, average="micro", sample_weight=w, zero_division=0)),
    }
    confusion = confusion_matrix(y, pred, labels=list(range(k)), sample_weight=w)
    return case(name, "SoftmaxRegression", k, z, y, w, expected, confusion)


def case(name, model, outputs, margins, labels, w, expected, confusion, huber_delta=1.35, exact_auc=False):
    return {
        "name": name,
        "model": model,
        "outputs": outputs,
        "huberDelta": huber_delta,
        "exactAuc": exact_auc,
        "margins": [[float(v) for v in row] for row in margins],
        "labels": [float(v) for v in labels],
        "weights": None if w is None else [float(v) for v in w],
        "expected": expected,
        "confusionMatrix": [float(v) for v in np.asarray(confusion, dtype=float).ravel()],
    }


def regression_cases(rng):
    for weighted in (False, True):
        suffix = "weighted" if weighted else "unweighted"
        n = 400
        # Linear: predictions and labels on coarse grids, so both have ties.
        z = np.round(rng.normal(2.0, 3.0, n), 1)
        y = np.round((z + rng.normal(0.3, 1.5, n)) * 2) / 2
        yield regression_case(f"linear_{suffix}", "LinearRegression", z, y, weights_for(rng, n, weighted))
        # Linear with labels around 1e6: the sums must not lose R² to the large mean.
        y = np.round(1e6 + rng.normal(0.0, 1.0, n), 6)
        z = np.round(y - 0.2 + rng.normal(0.0, 0.4, n), 6)
        yield regression_case(f"linear_large_mean_{suffix}", "LinearRegression", z, y, weights_for(rng, n, weighted))
        # Huber: heavy-tailed noise, threshold 0.7.
        z = np.round(rng.normal(0.0, 2.0, n), 6)
        y = np.round(z + rng.standard_t(2, n), 6)
        yield regression_case(f"huber_{suffix}", "HuberRegression", z, y, weights_for(rng, n, weighted), delta=0.7)
        # Poisson: counts (many ties) against e^z.
        z = np.round(rng.normal(0.3, 0.6, n), 6)
        y = rng.poisson(np.exp(z + rng.normal(0.0, 0.3, n))).astype(float)
        yield regression_case(f"poisson_{suffix}", "PoissonRegression", z, y, weights_for(rng, n, weighted))


def binary_cases(rng):
    for weighted in (False, True):
        suffix = "weighted" if weighted else "unweighted"
        n = 400
        # Logistic: margins on a grid of 1/4 (ties within and across classes), some exactly 0 (p = 0.5, class 1).
        z = np.clip(np.round(rng.normal(0.0, 2.0, n) * 4) / 4, -8, 8)
        z[:12] = 0.0
        y = (rng.uniform(size=n) < expit(0.9 * z + rng.normal(0.0, 0.7, n))).astype(int)
        yield binary_case(f"logistic_{suffix}", "LogisticRegression", z, y, weights_for(rng, n, weighted))
        # SVM: decision values on a grid of 1/8, some exactly 0 (class 1).
        z = np.round(rng.normal(0.0, 1.2, n) * 8) / 8
        z[:9] = 0.0
        y = (rng.uniform(size=n) < expit(2.0 * z)).astype(int)
        yield binary_case(f"svm_{suffix}", "LinearSvm", z, y, weights_for(rng, n, weighted))
        # Scores from ±2^(j/8): every bin holds one value (bins are 1/128 of a binade), so the AUC is exact.
        grid = np.concatenate([2.0 ** (np.arange(-24, 25) / 8.0), -(2.0 ** (np.arange(-24, 25) / 8.0)), [0.0]])
        z = rng.choice(grid, n)
        y = (rng.uniform(size=n) < expit(z)).astype(int)
        yield binary_case(f"svm_distinct_bins_{suffix}", "LinearSvm", z, y, weights_for(rng, n, weighted),
                          exact_auc=True)
    # Many distinct close scores: bins mix scores of both classes, the bound is above 0.
    n = 2000
    z = np.round(rng.normal(0.0, 1.0, n), 7)
    y = (rng.uniform(size=n) < expit(1.5 * z)).astype(int)
    yield binary_case("logistic_close_scores_weighted", "LogisticRegression", z, y, weights_for(rng, n, True))


def multiclass_cases(rng):
    for weighted in (False, True):
        suffix = "weighted" if weighted else "unweighted"
        n = 300
        for k in (3, 4):
            # Margins on a grid of 1/2: argmax ties (the first maximum wins, as numpy's argmax).
            z = np.round(rng.normal(0.0, 1.5, (n, k)) * 2) / 2
            noisy = z + rng.normal(0.0, 1.0, (n, k))
            y = np.array([rng.choice(k, p=row) for row in softmax(noisy, axis=1)])
            yield multiclass_case(f"softmax{k}_{suffix}", z, y, weights_for(rng, n, weighted))
        # K = 4 with class 3 never a label nor predicted: scikit-learn's macro F1 leaves it out.
        z = np.round(rng.normal(0.0, 1.5, (n, 4)), 6)
        z[:, 3] = -20.0
        y = np.argmax(z[:, :3] + rng.normal(0.0, 1.0, (n, 3)), axis=1)
        yield multiclass_case(f"softmax4_absent_class_{suffix}", z, y, weights_for(rng, n, weighted))


def main():
    rng = np.random.default_rng(SEED)
    cases = [*regression_cases(rng), *binary_cases(rng), *multiclass_cases(rng)]
    document = {
        "generator": "make_references.py",
        "seed": SEED,
        "sklearn": sklearn.__version__,
        "numpy": np.__version__,
        "cases": cases,
    }
    with open(os.path.join(HERE, "sklearn_metrics.json"), "w", encoding="utf-8") as out:
        json.dump(document, out, allow_nan=False, separators=(",", ":"))
        out.write("\n")


if __name__ == "__main__":
    main()
