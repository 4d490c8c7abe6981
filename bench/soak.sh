#!/usr/bin/env bash
# Soak: a bounded run (30 minutes unless SOAK_MINUTES or --minutes says otherwise) of many small jobs of every solver
# family, 4 at a time, on a local cluster of 3 silo processes + Redis (append-only), while a random silo is SIGKILLed
# and replaced every 120 s and Redis is restarted twice (SIGTERM at 30 %, SIGKILL at 55 %); each job's weights are
# compared bit for bit with an uninterrupted run of its spec made before any fault. Reports resume times after each
# fault, silo and Redis memory over time (no growth?) and the Redis keys left once every job and dataset is deleted.
# Builds in Release and runs bench/OrleansTrainer.SoakBench; every figure is one JSON line on stdout, progress goes to
# stderr. The silos' and Redis' lines go to bench/out/soak-silos.log, the memory samples to bench/out/soak-memory.csv
# (both ignored by git). Extra arguments go to the program (--minutes, --concurrency, --kill-seconds, --sample-seconds).
set -euo pipefail
cd "$(dirname "$0")/.."
bash tests/setup/install-prerequisites.sh
dotnet build bench/OrleansTrainer.SoakBench -c Release -nologo -v quiet -clp:ErrorsOnly >&2
mkdir -p bench/out
exec dotnet bench/OrleansTrainer.SoakBench/bin/Release/net10.0/OrleansTrainer.SoakBench.dll --minutes "${SOAK_MINUTES:-30}" \
  --log bench/out/soak-silos.log --memory-csv bench/out/soak-memory.csv "$@"
