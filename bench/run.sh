#!/usr/bin/env bash
# `npm run bench -- <name>`: runs bench/<name>.bench.ts (built with the project); the last line of its
# output is one JSON object of figures. Benchmarks print figures; they assert nothing about time.
set -euo pipefail
cd "$(dirname "$0")/.."
name="${1:-}"
available=$(cd bench && ls *.bench.ts 2>/dev/null | sed 's/\.bench\.ts$//' | tr '\n' ' ')
if [ -z "$name" ] || [ ! -f "bench/$name.bench.ts" ]; then
  echo "usage: npm run bench -- <name>   (available: ${available:-none yet})" >&2
  exit 2
fi
shift
bash infra/local/servers.sh ensure >&2
npx tsc -b tsconfig.build.json bench/tsconfig.json
exec node "bench/dist/$name.bench.js" "$@"
