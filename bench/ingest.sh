#!/usr/bin/env bash
# Ingestion throughput (issue 14): the seeded ROWS x COLS regression set (default 1M x 100) as CSV and as Parquet
# through the client into 2 silo processes + Redis, and both files read by the 2 silos themselves (otrain dataset ingest). The CSV and its OTDS twin come from the peer tool (once, into
# bench/data/, ignored by git); the bench writes the Parquet file from the OTDS one with ParquetSharp. One JSON line
# per format on stdout (MB/s of file, rows/s); progress on stderr.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tests/setup/install-prerequisites.sh
peers=${OTRAIN_PEERS:-../shared/peers}
rows=${ROWS:-1000000}
cols=${COLS:-100}
base=bench/data/ingest-$rows-$cols
mkdir -p bench/data
[ -f "$base.csv" ] || /usr/bin/python3 "$peers/peer_bench.py" gen csv --rows "$rows" --cols "$cols" --task regression --seed 42 --out "$base.csv" >&2
[ -f "$base.otds" ] || /usr/bin/python3 "$peers/peer_bench.py" gen dense --rows "$rows" --cols "$cols" --task regression --seed 42 --dtype float32 --out "$base.otds" >&2
dotnet build bench/OrleansTrainer.Bench -c Release -nologo -v quiet -clp:ErrorsOnly >&2
dotnet bench/OrleansTrainer.Bench/bin/Release/net10.0/OrleansTrainer.Bench.dll ingest "$base.csv" "$base.otds" "${SHARDS:-8}"
