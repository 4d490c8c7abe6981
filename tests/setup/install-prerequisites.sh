#!/usr/bin/env bash
# Installs what OrleansTrainer's main job and tests need beyond the .NET SDK, from Debian's packages: redis-server, and
# chromium for the admin console's browser tests (Playwright drives /usr/bin/chromium; its own browser download does
# not work here). Installs only what is missing. Run by samples/run-main-job.sh, tests/run-tests.sh and .ci/run.
set -euo pipefail

missing=()
if ! command -v redis-server >/dev/null 2>&1 && [ ! -x /usr/bin/redis-server ]; then
  missing+=(redis-server)
fi
if [ "${OTRAIN_SKIP_CHROMIUM:-}" != "1" ] && [ ! -x /usr/bin/chromium ]; then
  missing+=(chromium)
fi
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "${missing[*]} missing and this user cannot install (no root, no sudo): apt-get install ${missing[*]}" >&2; exit 1; }
  sudo="sudo"
fi

echo "installing ${missing[*]} from Debian's packages ..."
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
if [[ " ${missing[*]} " == *" redis-server "* ]]; then
  # The package starts a system service on 6379; OrleansTrainer starts its own servers on free ports, so stop that one.
  $sudo systemctl stop redis-server >/dev/null 2>&1 || $sudo service redis-server stop >/dev/null 2>&1 || true
  redis-server --version
fi
