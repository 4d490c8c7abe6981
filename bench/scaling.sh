#!/usr/bin/env bash
# The scaling benchmark (issue 15): 1, 2, 4, 8 silo processes (2 shards a silo) on a many-core machine that has no .NET
# SDK and no network (../shared/DEVICE.md), against scikit-learn on the same machine in the same run. Two halves:
#
#   bash bench/scaling.sh pack    here, with the SDK: self-contained publishes (linux-x64, Release) of the silo and of
#       bench/OrleansTrainer.ScalingBench, Debian's redis-server with every library it links beyond glibc, the peer tool
#       and this script, in one archive, bench/out/scaling.txz (xz; at most 64 MiB can be copied over).
#   bash scaling.sh run           there, in the folder the archive was unpacked into (tar xJf scaling.txz -C DIR):
#       generates the data with the peer tool (1M x 100 dense float32 regression, seed 42; 1M x 2^20 CSR logistic with
#       40 draws a row, seed 7: the files of bench/run.sh and bench/sparse.sh), runs the peers (numpy's gradient pass,
#       Ridge(cholesky, alpha 1), LogisticRegression(lbfgs, C 1)), then the bench for each silo count: a fresh
#       redis-server and that many silos, both files ingested, full-batch rounds, ridge by the normal equations and by
#       L-BFGS, logistic L-BFGS; per-epoch time, speedup over the first silo count, time to scikit-learn's objective.
#
# run prints one JSON line per figure on stdout (also appended to RESULTS/figures.jsonl), progress and the closing
# summary table on stderr (also RESULTS/progress.log). Knobs (environment): ROWS (1000000), COLS (100), SPARSE_ROWS
# (ROWS), DIM (2^20), NNZ (40), SILOS ("1 2 4 8"), ROUNDS (20), ITERATIONS (50: L-BFGS cap, ours and scikit-learn's),
# SPARSE_BLOCKS (4), PEER_THREADS (all CPUs), DATA (DIR/data), RESULTS (DIR/results), PYTHON (a python3 with numpy,
# scipy, scikit-learn and threadpoolctl; found on the PATH otherwise).
set -euo pipefail

pack() {
  local repo out stage archive
  repo=$(cd "$(dirname "$0")/.." && pwd)
  out=$repo/bench/out
  stage=$out/scaling
  archive=$out/scaling.txz
  rm -rf "$stage" "$archive"
  mkdir -p "$stage/app" "$stage/redis/bin" "$stage/redis/lib" "$stage/peers"

  for project in src/OrleansTrainer.Silo:silo bench/OrleansTrainer.ScalingBench:bench; do
    echo "publishing ${project%%:*} (self-contained, linux-x64) ..." >&2
    dotnet publish "$repo/${project%%:*}" -c Release -r linux-x64 --self-contained -p:DebugType=none -p:SatelliteResourceLanguages=en \
      -p:PublishDocumentationFiles=false -p:PublishReferencesDocumentationFiles=false \
      -o "$stage/app/${project##*:}" -nologo -v quiet -clp:ErrorsOnly >&2
  done
  # Both publishes carry the same runtime: identical files become hard links, which tar stores once.
  (cd "$stage/app" && find bench -type f | while read -r file; do
    twin=silo/${file#bench/}
    if [ -f "$twin" ] && cmp -s "$file" "$twin"; then ln -f "$twin" "$file"; fi
  done)

  local redis lib
  redis=$(command -v redis-server || echo /usr/bin/redis-server)
  cp "$redis" "$stage/redis/bin/redis-server"
  for lib in $(ldd "$redis" | awk '$2 == "=>" && $3 ~ /^\// { print $3 }'); do
    case $(basename "$lib") in
      libc.so.*|libm.so.*|libdl.so.*|libpthread.so.*|librt.so.*|ld-linux*) ;;
      *) cp -L "$lib" "$stage/redis/lib/" ;;
    esac
  done
  cat > "$stage/redis/redis-server" <<'EOF'
#!/bin/sh
# Debian's redis-server with the libraries it links beyond glibc, carried beside it (bench/scaling.sh pack).
here=$(dirname "$(readlink -f "$0")")
LD_LIBRARY_PATH="$here/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" exec "$here/bin/redis-server" "$@"
EOF
  chmod +x "$stage/redis/redis-server"
  if LD_LIBRARY_PATH="$stage/redis/lib" ldd "$stage/redis/bin/redis-server" | awk '$2 == "=>"' | grep -v "$stage/redis/lib/" \
      | grep -vE '^\s*(libc|libm|libdl|libpthread|librt)\.so'; then
    echo "the libraries above do not resolve into the carried folder" >&2
    exit 1
  fi

  cp "${OTRAIN_PEERS:-$repo/../shared/peers}/peer_bench.py" "$stage/peers/"
  cp "$repo/bench/scaling.sh" "$stage/"
  echo "compressing (xz -9) ..." >&2
  XZ_OPT=-9 tar -cJf "$archive" -C "$stage" .
  local bytes limit=$((64 * 1024 * 1024))
  bytes=$(stat -c %s "$archive")
  echo "$archive: $bytes bytes ($(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1048576 }') MiB of at most 64)" >&2
  [ "$bytes" -lt "$limit" ] || { echo "the archive is over 64 MiB" >&2; exit 1; }
}

run() {
  local here
  here=$(cd "$(dirname "$0")" && pwd)
  local bench=$here/app/bench/OrleansTrainer.ScalingBench
  [ -x "$bench" ] || { echo "no $bench: run this in the folder bench/out/scaling.txz was unpacked into (bash bench/scaling.sh pack first)" >&2; exit 2; }

  local python=""
  for candidate in ${PYTHON:-} python3 /usr/bin/python3; do
    if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c "import numpy, scipy, sklearn, threadpoolctl" 2>/dev/null; then
      python=$candidate
      break
    fi
  done
  [ -n "$python" ] || { echo "no python3 with numpy, scipy, scikit-learn and threadpoolctl: set PYTHON" >&2; exit 2; }

  local rows=${ROWS:-1000000} cols=${COLS:-100} dim=${DIM:-2^20} nnz=${NNZ:-40}
  local sparse_rows=${SPARSE_ROWS:-$rows} threads=${PEER_THREADS:-$(nproc)} iterations=${ITERATIONS:-50}
  local data=${DATA:-$here/data} results=${RESULTS:-$here/results}
  local peer=$here/peers/peer_bench.py
  local dense=$data/reg-$rows-$cols-f32.otds sparse=$data/sparse-$sparse_rows-${dim/^/p}-$nnz.otds
  mkdir -p "$data" "$results"
  exec > >(tee -a "$results/figures.jsonl") 2> >(tee -a "$results/progress.log" >&2)

  echo "python: $python; $(nproc) CPUs; peers with $threads threads" >&2
  [ -f "$dense" ] || "$python" "$peer" gen dense --rows "$rows" --cols "$cols" --task regression --seed 42 --dtype float32 --out "$dense" >&2
  [ -f "$sparse" ] || "$python" "$peer" gen sparse --rows "$sparse_rows" --dim "$dim" --nnz-per-row "$nnz" --task logistic --seed 7 --out "$sparse" >&2

  echo "numpy: one full-batch gradient pass ..." >&2
  "$python" "$peer" run numpy-grad --data "$dense" --threads "$threads" --reps 5 --json | tee "$results/peer-numpy-grad.json"
  echo "scikit-learn: Ridge(solver='cholesky', alpha=1) ..." >&2
  "$python" "$peer" run sklearn-ridge --data "$dense" --alpha 1 --solver cholesky --threads "$threads" --reps 3 --json | tee "$results/peer-ridge.json"
  echo "scikit-learn: LogisticRegression(lbfgs, C=1, max_iter=$iterations) ..." >&2
  "$python" "$peer" run sklearn-logistic --data "$sparse" --C 1 --max-iter "$iterations" --tol 1e-10 --threads "$threads" --reps 1 --json \
    | tee "$results/peer-logistic.json"

  # The silos and redis-server are the bench's children, in its own process group: whatever way it ends, none is left.
  # Their temporary folders (redis-server's data) go under this folder too.
  export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 OTRAIN_SILO_EXE=$here/app/silo/OrleansTrainer.Silo OTRAIN_REDIS_SERVER=$here/redis/redis-server
  export TMPDIR=$here/tmp
  mkdir -p "$TMPDIR"
  local silos=${SILOS:-1 2 4 8}
  setsid "$bench" "dense=$dense" "sparse=$sparse" "numpy=$results/peer-numpy-grad.json" "ridge=$results/peer-ridge.json" \
    "logistic=$results/peer-logistic.json" "silos=${silos// /,}" "rounds=${ROUNDS:-20}" "iterations=$iterations" "sparse-blocks=${SPARSE_BLOCKS:-4}" &
  bench_group=$!
  trap 'kill -KILL -- "-$bench_group" 2>/dev/null || true' EXIT INT TERM
  wait "$bench_group"
}

case "${1:-}" in
  pack) pack ;;
  run) run ;;
  *) echo "usage: bash bench/scaling.sh pack | bash scaling.sh run (in the unpacked archive)" >&2; exit 2 ;;
esac
