#!/usr/bin/env bash
# The whole test suite: installs redis-server if missing and the Kubernetes schema validator (k8s/validate, from the npm
# registry), builds, runs every test project, then the numerics tests again without AVX. The tests start their own
# redis-server processes on free loopback ports and their own silos (in-process clusters and silo processes); the
# deployment tests need kubectl and node on the PATH.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tests/setup/install-prerequisites.sh
npm ci --prefix k8s/validate --no-audit --no-fund --loglevel=error
dotnet build OrleansTrainer.sln -c Release -nologo -v quiet -clp:ErrorsOnly
# Whether this CPU accelerates 256-bit vectors (AVX2): what KernelDispatchTests must find in the first run.
avx2=$(grep -qw avx2 /proc/cpuinfo && echo 1 || echo 0)
OTRAIN_EXPECT_VECTOR256="${OTRAIN_EXPECT_VECTOR256:-$avx2}" \
  dotnet test OrleansTrainer.sln -c Release --no-build -nologo --logger "console;verbosity=normal" "$@"
# The numerics again with AVX (and so AVX2, FMA and AVX-512) switched off: the scalar kernels and the software paths of
# the Vector256 code. OTRAIN_EXPECT_VECTOR256 tells KernelDispatchTests what each run must find.
echo "Numerics tests without AVX:"
DOTNET_EnableAVX=0 DOTNET_EnableAVX2=0 OTRAIN_EXPECT_VECTOR256=0 \
  dotnet test tests/OrleansTrainer.Numerics.Tests -c Release --no-build -nologo --logger "console;verbosity=normal" "$@"
