#!/usr/bin/env bash
# Installs what is missing, builds, creates the data folder on first run
# (filled with the demo content) and serves the wiki on 127.0.0.1:8080.
# Environment: WERKPLAATS_DATA (default ./data), WERKPLAATS_PORT (default 8080).
set -euo pipefail
cd "$(dirname "$0")/.."

data="${WERKPLAATS_DATA:-$PWD/data}"
port="${WERKPLAATS_PORT:-8080}"

scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DWP_TESTS=OFF >/dev/null
cmake --build build -j"$(nproc)" --target werkplaats

if [ ! -f "$data/werkplaats.json" ]; then
  build/werkplaats init --data "$data" --demo
fi
exec build/werkplaats serve --data "$data" --listen 127.0.0.1 --port "$port"
