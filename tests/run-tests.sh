#!/usr/bin/env bash
# The whole test suite: installs redis-server if missing and the Kubernetes schema validator (k8s/validate, from the npm
# registry), builds, runs every test project, then the numerics tests again without AVX. The tests start their own
# redis-server processes on free loopback ports and their own silos (in-process clusters and silo processes); the
# deployment tests need kubectl and node on the PATH.
#
# The projects run one after another, not side by side: on a 2-core machine the fault tests' silo processes, the
# in-process clusters and the browser compete for the cores, and a test that waits for a cluster to recover must not
# measure the other projects' load. Every project runs even after one fails; the failed tests, with their messages, are
# printed again at the very end, where a CI log's tail shows them. Extra arguments go to every `dotnet test`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tests/setup/install-prerequisites.sh
npm ci --prefix k8s/validate --no-audit --no-fund --loglevel=error
dotnet build OrleansTrainer.sln -c Release -nologo -v quiet -clp:ErrorsOnly

logs=$(mktemp -d)
failed=()
# Runs one test project with the console log kept in $logs; records the project's name when a test fails.
run_project() {
  local name=$1 project=$2
  shift 2
  echo "=== $name"
  local started=$SECONDS
  if env "$@" dotnet test "$project" -c Release --no-build -nologo --logger "console;verbosity=normal" \
      "${test_args[@]}" 2>&1 | tee "$logs/$name.log"; then
    echo "=== $name passed in $((SECONDS - started)) s"
  else
    echo "=== $name FAILED in $((SECONDS - started)) s"
    failed+=("$name")
  fi
}

test_args=("$@")
# Whether this CPU accelerates 256-bit vectors (AVX2): what KernelDispatchTests must find in the first numerics run.
avx2=$(grep -qw avx2 /proc/cpuinfo && echo 1 || echo 0)
for project in tests/*/*.csproj; do
  name=$(basename "$project" .csproj)
  run_project "$name" "$project" OTRAIN_EXPECT_VECTOR256="${OTRAIN_EXPECT_VECTOR256:-$avx2}"
done
# The numerics again with AVX (and so AVX2, FMA and AVX-512) switched off: the scalar kernels and the software paths of
# the Vector256 code. OTRAIN_EXPECT_VECTOR256 tells KernelDispatchTests what each run must find.
run_project "OrleansTrainer.Numerics.Tests-without-AVX" tests/OrleansTrainer.Numerics.Tests \
  DOTNET_EnableAVX=0 DOTNET_EnableAVX2=0 OTRAIN_EXPECT_VECTOR256=0

echo
echo "=== Summary"
for log in "$logs"/*.log; do
  counts=$(grep -E "^ *(Total tests|Passed|Failed|Skipped): " "$log" | tr -s ' ' | paste -sd ',' || true)
  echo "$(basename "$log" .log):${counts:- no test results}"
done
if ((${#failed[@]} == 0)); then
  echo "All test projects passed."
  exit 0
fi
for name in "${failed[@]}"; do
  echo
  echo "=== Failed in $name (each failure's first 40 lines):"
  # A failure's block runs from its "Failed <test>" line to the next test's result line.
  awk '/^  (Passed|Skipped) /{keep=0} /^  Failed /{keep=1; n=0} keep && n++ < 40' "$logs/$name.log"
done
exit 1
