#!/usr/bin/env bash
# Judging models (issue 13), one run: validation overhead per round, 5-fold CV of ridge over 8 alphas against
# scikit-learn's GridSearchCV on the same file, successive halving against the full grid. JSON lines on stdout.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tests/setup/install-prerequisites.sh
peers=${OTRAIN_PEERS:-../shared/peers}
reg=bench/data/reg-1m-100-f32.otds
alphas=1e-2,1e-1,1,10,100,1e3,1e4,1e5
mkdir -p bench/data
[ -f "$reg" ] || /usr/bin/python3 "$peers/peer_bench.py" gen dense --rows 1000000 --cols 100 --task regression --seed 42 --dtype float32 --out "$reg" >&2
dotnet build OrleansTrainer.sln -c Release -nologo -v quiet -clp:ErrorsOnly >&2
/usr/bin/python3 bench/judging_peer.py "$peers" "$reg" "$alphas"
dotnet bench/OrleansTrainer.Bench/bin/Release/net10.0/OrleansTrainer.Bench.dll judging "$reg"
