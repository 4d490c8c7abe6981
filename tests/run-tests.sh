#!/usr/bin/env bash
# The whole test suite: installs redis-server if missing, builds, and runs every test project. The tests start their
# own redis-server processes on free loopback ports and their own silos (in-process clusters and silo processes).
set -euo pipefail
cd "$(dirname "$0")/.."
bash tests/setup/install-prerequisites.sh
dotnet build OrleansTrainer.sln -c Release -nologo -v quiet -clp:ErrorsOnly
dotnet test OrleansTrainer.sln -c Release --no-build -nologo --logger "console;verbosity=normal" "$@"
