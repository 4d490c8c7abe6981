#!/usr/bin/env bash
# Installs what OrleansTrainer's main job and tests need beyond the .NET SDK: redis-server, from Debian's packages.
# Does nothing when it is already there. Sourced or run by samples/run-main-job.sh, tests/run-tests.sh and .ci/run.
set -euo pipefail

if command -v redis-server >/dev/null 2>&1 || [ -x /usr/bin/redis-server ]; then
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "redis-server is missing and this user cannot install it (no root, no sudo): apt-get install redis-server" >&2; exit 1; }
  sudo="sudo"
fi

echo "installing redis-server from Debian's packages ..."
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends redis-server >/dev/null
# The package starts a system service on 6379; OrleansTrainer starts its own servers on free ports, so stop that one.
$sudo systemctl stop redis-server >/dev/null 2>&1 || $sudo service redis-server stop >/dev/null 2>&1 || true
redis-server --version
