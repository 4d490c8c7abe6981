#!/usr/bin/env bash
# The kernel half of the numerics benchmark, in one run: the machine's read bandwidth and our fused gradient pass on
# 1M x 100 in float32 and float64 (BenchmarkDotNet, 1 and 2 threads), beside the numpy peer on the float32 and float64 twins of the same data.
# Generates the seeded files once into bench/data/ (ignored by git). Every figure is one JSON line on stdout, then a
# table with the ratios; progress and BenchmarkDotNet's log go to stderr.
set -euo pipefail
cd "$(dirname "$0")/.."
peers=${OTRAIN_PEERS:-../shared/peers}
mkdir -p bench/data
for dtype in float32 float64; do
  data=bench/data/reg-1m-100-f${dtype#float}.otds
  [ -f "$data" ] || /usr/bin/python3 "$peers/peer_bench.py" gen dense --rows 1000000 --cols 100 --task regression \
    --seed 42 --dtype "$dtype" --out "$data" >&2
done

results=$(mktemp)
trap 'rm -f "$results"' EXIT
for data in bench/data/reg-1m-100-f32.otds bench/data/reg-1m-100-f64.otds; do
  for t in 1 2; do
    /usr/bin/python3 "$peers/peer_bench.py" run numpy-grad --data "$data" --threads $t --json | tee -a "$results"
  done
done

dotnet build bench/OrleansTrainer.KernelBench -c Release -nologo -v quiet -clp:ErrorsOnly >&2
dotnet bench/OrleansTrainer.KernelBench/bin/Release/net10.0/OrleansTrainer.KernelBench.dll \
  bench/data/reg-1m-100-f32.otds bench/data/reg-1m-100-f64.otds "$results"
