#!/usr/bin/env bash
# SSP(k) against BSP when one of 8 shards is made 3x slower (fault-injection delay of twice its normal pass):
# time per round through 2 silo processes + Redis, and the share of the slowdown each k recovers. JSON lines on stdout.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tests/setup/install-prerequisites.sh
dotnet build OrleansTrainer.sln -c Release -nologo -v quiet -clp:ErrorsOnly >&2
dotnet bench/OrleansTrainer.Bench/bin/Release/net10.0/OrleansTrainer.Bench.dll staleness "${ROUNDS:-200}"
