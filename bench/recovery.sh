#!/usr/bin/env bash
# Recovery time after SIGKILL of a silo (from the kill to the job's next committed round), median of 5 kills, on a
# local cluster of 3 silo processes + Redis; then checks that the job still completes with the weights of an
# uninterrupted run. Builds in Release and runs bench/OrleansTrainer.RecoveryBench; every figure is one JSON line on
# stdout, progress goes to stderr. Every line the silos and Redis print goes to bench/out/recovery-silos.log (ignored
# by git). Extra arguments go to the program (--kills, --phase-seconds, --settle-seconds, --rows, --cols, --shards).
set -euo pipefail
cd "$(dirname "$0")/.."
bash tests/setup/install-prerequisites.sh
dotnet build OrleansTrainer.sln -c Release -nologo -v quiet -clp:ErrorsOnly >&2
mkdir -p bench/out
exec dotnet bench/OrleansTrainer.RecoveryBench/bin/Release/net10.0/OrleansTrainer.RecoveryBench.dll --log bench/out/recovery-silos.log "$@"
