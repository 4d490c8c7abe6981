#!/usr/bin/env bash
# The sparse-model benchmark (issue 5), one command, side by side in one run: a CSR logistic set of 1M rows x 2^20
# columns, 40 draws per row (seed 7), generated once into bench/data/ (ignored by git) with the peer tool; then
# scikit-learn on that file (SGDClassifier one epoch, LogisticRegression lbfgs with max_iter), then our cluster
# (redis-server + 2 silo processes): ingestion once, one epoch of mini-batch SGD per batch size / block count, and
# L-BFGS per block count, each model's log-loss evaluated on all rows. JSON lines on stdout, progress on stderr.
# Knobs (environment): C (sklearn's C, our L2 = 1/(C n); 1), ITERATIONS (50), SHARDS (4), BATCHES (10000,100000),
# SGD_BLOCKS (4,8), RATE_PER_ROW (4: plain SGD's rate = 4 x batch), ADAGRAD_RATE (4; 0 skips), LBFGS_BLOCKS (4; 0 skips),
# LOCAL_SGD_RATES (4,16: per-example local SGD, no intercept, one round = one epoch; 0 skips). BATCHES=0 skips the mini-batch epochs.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tests/setup/install-prerequisites.sh
peers=${OTRAIN_PEERS:-../shared/peers}
data=bench/data/sparse-1m-2p20-40.otds
out=bench/out/sparse
mkdir -p bench/data "$out"
[ -f "$data" ] || /usr/bin/python3 "$peers/peer_bench.py" gen sparse --rows 1000000 --dim 2^20 --nnz-per-row 40 --task logistic --seed 7 --out "$data" >&2
dotnet build OrleansTrainer.sln -c Release -nologo -v quiet -clp:ErrorsOnly >&2
echo "scikit-learn: SGDClassifier, one epoch ..." >&2
/usr/bin/python3 "$peers/peer_bench.py" run sklearn-sgd-classifier --data "$data" --epochs 1 --threads 2 --reps 3 --json | tee "$out/peer-sgd.json"
echo "scikit-learn: SGDClassifier, one epoch, alpha 1e-7 (a side figure: a weaker penalty than the default) ..." >&2
/usr/bin/python3 "$peers/peer_bench.py" run sklearn-sgd-classifier --data "$data" --epochs 1 --alpha 1e-7 --threads 2 --reps 1 --json
echo "scikit-learn: LogisticRegression(lbfgs, max_iter=${ITERATIONS:-50}) ..." >&2
/usr/bin/python3 "$peers/peer_bench.py" run sklearn-logistic --data "$data" --C "${C:-1}" --max-iter "${ITERATIONS:-50}" --tol 1e-10 \
  --threads 2 --reps 1 --json | tee "$out/peer-lbfgs.json"
dotnet bench/OrleansTrainer.Bench/bin/Release/net10.0/OrleansTrainer.Bench.dll sparse "$data" "$out/peer-sgd.json" "$out/peer-lbfgs.json" \
  "shards=${SHARDS:-4}" "batches=${BATCHES:-10000,100000}" "sgd-blocks=${SGD_BLOCKS:-4,8}" "rate-per-row=${RATE_PER_ROW:-4}" \
  "adagrad-rate=${ADAGRAD_RATE:-4}" "lbfgs-blocks=${LBFGS_BLOCKS:-4}" "iterations=${ITERATIONS:-50}" \
  "local-sgd-rates=${LOCAL_SGD_RATES:-4,16}"
