#!/usr/bin/env bash
# Time to solution through the cluster (2 silos, 8 shards) against scikit-learn on the same files, in one run:
# least squares and ridge by the normal equations vs LinearRegression and Ridge(solver='cholesky'), and logistic
# regression by L-BFGS to scikit-learn's final log-loss + 1e-6 vs LogisticRegression(lbfgs), and 5 epochs of local SGD
# vs SGDRegressor. JSON lines on stdout. TASKS (a comma list of ols, ridge, sgd, logistic; all by default) runs only those,
# with their scikit-learn peers.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tests/setup/install-prerequisites.sh
peers=${OTRAIN_PEERS:-../shared/peers}
reg=bench/data/reg-1m-100-f32.otds
log=bench/data/log-1m-100-f32.otds
tasks=${TASKS:-ols,ridge,sgd,logistic}
has() { [[ ",$tasks," == *",$1,"* ]]; }
mkdir -p bench/data
[ -f "$reg" ] || /usr/bin/python3 "$peers/peer_bench.py" gen dense --rows 1000000 --cols 100 --task regression --seed 42 --dtype float32 --out "$reg" >&2
if has logistic && [ ! -f "$log" ]; then
  /usr/bin/python3 "$peers/peer_bench.py" gen dense --rows 1000000 --cols 100 --task logistic --seed 43 --dtype float32 --out "$log" >&2
fi
# The bench and the silo it starts: the rest of the solution is not needed here.
for project in bench/OrleansTrainer.Bench src/OrleansTrainer.Silo; do
  dotnet build "$project" -c Release -nologo -v quiet -clp:ErrorsOnly >&2
done
if has ols; then /usr/bin/python3 "$peers/peer_bench.py" run sklearn-linear --data "$reg" --threads 2 --reps 3 --json; fi
if has ridge; then /usr/bin/python3 "$peers/peer_bench.py" run sklearn-ridge --data "$reg" --alpha 1 --solver cholesky --threads 2 --reps 3 --json; fi
if has sgd; then /usr/bin/python3 "$peers/peer_bench.py" run sklearn-sgd-regressor --data "$reg" --epochs 5 --alpha 1e-4 --threads 2 --reps 1 --json; fi
target=NaN
if has logistic; then
  logistic=$(/usr/bin/python3 "$peers/peer_bench.py" run sklearn-logistic --data "$log" --C 1.0 --threads 2 --reps 3 --json)
  echo "$logistic"
  target=$(echo "$logistic" | /usr/bin/python3 -c "import json,sys; print(repr(json.load(sys.stdin)['loss'] + 1e-6))")
fi
dotnet bench/OrleansTrainer.Bench/bin/Release/net10.0/OrleansTrainer.Bench.dll solvers "$reg" "$log" "$target" "$tasks"
