#!/usr/bin/env bash
# The main job: installs redis-server if missing, builds, then starts Redis (free loopback port, data in a temporary
# folder) and two silo processes, ingests the bundled diabetes data into 4 shards, trains linear regression with
# distributed gradient descent, prints per-round progress and the coefficients next to the closed-form solution,
# and shuts everything down. Exits non-zero if the two disagree.
set -euo pipefail
cd "$(dirname "$0")/.."
OTRAIN_SKIP_CHROMIUM=1 bash tests/setup/install-prerequisites.sh   # the main job needs no browser
dotnet build OrleansTrainer.sln -c Release -nologo -v quiet -clp:ErrorsOnly
exec dotnet samples/MainJob/bin/Release/net10.0/MainJob.dll "$@"
