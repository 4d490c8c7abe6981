#!/usr/bin/env bash
# The transfer benchmark (issue 15): a 1M-parameter weight block (8 MB of float64) on a silo process, pulled and pushed by
# a grain on a second silo (the bench process itself), against a plain loopback TCP copy of the same bytes; and the
# block's checkpoint through the silos' grain storage against a raw SET of as many bytes to the same redis-server — all
# in one loop, so every figure sees the same load. Builds in Release; every figure is one JSON line on stdout (median of
# REPS repetitions after 5 warm-up ones, with min and max), progress and a summary on stderr.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tests/setup/install-prerequisites.sh
dotnet build bench/OrleansTrainer.TransferBench -c Release -nologo -v quiet -clp:ErrorsOnly >&2
dotnet bench/OrleansTrainer.TransferBench/bin/Release/net10.0/OrleansTrainer.TransferBench.dll "${REPS:-30}"
