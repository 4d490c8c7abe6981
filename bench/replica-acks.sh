#!/usr/bin/env bash
# What WAIT after every commit costs (TrainerOptions.ReplicaAcks = 1 against 0): the same gradient-descent job (20,000 x 20
# dense rows, 4 shards, 3 weight blocks) on 2 silo processes over one local Redis Cluster of 3 masters with a replica
# each, the option off and on in turn, RUNS times each (default 3) for ROUNDS rounds (default 300). Builds in Release;
# every figure is one JSON line on stdout, progress on stderr.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tests/setup/install-prerequisites.sh
dotnet build bench/OrleansTrainer.Bench -c Release -nologo -v quiet -clp:ErrorsOnly >&2
dotnet bench/OrleansTrainer.Bench/bin/Release/net10.0/OrleansTrainer.Bench.dll replica-acks "${RUNS:-3}" "${ROUNDS:-300}"
