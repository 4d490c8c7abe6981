#!/usr/bin/env bash
# One command for the benchmarks: generates the seeded 1M x 100 float32 regression set with the peer tool (once,
# into bench/data/, ignored by git), builds in Release, runs the cluster benchmark, then the numpy peer on the
# same file. Every figure is one JSON line on stdout; progress goes to stderr.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tests/setup/install-prerequisites.sh
if ! /usr/bin/python3 -c "import numpy, sklearn, threadpoolctl" 2>/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-numpy python3-scipy python3-sklearn python3-threadpoolctl >/dev/null
fi
peers=${OTRAIN_PEERS:-../shared/peers}
data=bench/data/reg-1m-100-f32.otds
mkdir -p bench/data
[ -f "$data" ] || /usr/bin/python3 "$peers/peer_bench.py" gen dense --rows 1000000 --cols 100 --task regression --seed 42 --dtype float32 --out "$data" >&2
dotnet build OrleansTrainer.sln -c Release -nologo -v quiet -clp:ErrorsOnly >&2
dotnet bench/OrleansTrainer.Bench/bin/Release/net10.0/OrleansTrainer.Bench.dll "$data" "${ROUNDS:-50}"
for t in 1 2; do
  /usr/bin/python3 "$peers/peer_bench.py" run numpy-grad --data "$data" --threads $t --reps 5 --json
done
