#!/usr/bin/env bash
# The whole test suite: installs redis-server if missing and the Kubernetes schema validator (k8s/validate, from the npm
# registry), builds, and runs every test project. The tests start their own redis-server processes on free loopback
# ports and their own silos (in-process clusters and silo processes); the deployment tests need kubectl and node on the
# PATH.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tests/setup/install-prerequisites.sh
npm ci --prefix k8s/validate --no-audit --no-fund --loglevel=error
dotnet build OrleansTrainer.sln -c Release -nologo -v quiet -clp:ErrorsOnly
dotnet test OrleansTrainer.sln -c Release --no-build -nologo --logger "console;verbosity=normal" "$@"
