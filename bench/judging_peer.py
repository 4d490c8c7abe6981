#!/usr/bin/python3
"""scikit-learn's side of the judging benchmark (bench/judging.sh): GridSearchCV(Ridge(solver='cholesky'), cv=5) over
the same alphas on the same OTDS file, timed; prints one JSON line. Loads the file with shared/peers/peer_bench.py."""
import json
import sys
import time

sys.path.insert(0, sys.argv[1])
import peer_bench  # noqa: E402
from sklearn.linear_model import Ridge  # noqa: E402
from sklearn.model_selection import GridSearchCV, KFold  # noqa: E402
from threadpoolctl import threadpool_limits  # noqa: E402

data = peer_bench.load_dataset(sys.argv[2])
alphas = [float(a) for a in sys.argv[3].split(",")]
X = data.X.astype("float64")
with threadpool_limits(limits=2):
    started = time.perf_counter()
    search = GridSearchCV(Ridge(solver="cholesky"), {"alpha": alphas}, cv=KFold(5, shuffle=True, random_state=0),
                          scoring="neg_root_mean_squared_error", n_jobs=1)
    search.fit(X, data.y)
    seconds = time.perf_counter() - started
print(json.dumps({
    "name": "sklearn_gridsearchcv5_ridge_seconds", "value": round(seconds, 4), "unit": "s", "alphas": alphas,
    "best_alpha": search.best_params_["alpha"],
    "mean_rmse_by_alpha": [-v for v in search.cv_results_["mean_test_score"]],
}))
