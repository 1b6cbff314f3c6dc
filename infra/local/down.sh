#!/usr/bin/env bash
# `npm run down`: stops the services `npm run up` started (SIGTERM, so consumers drain), then the
# servers it had to start itself. Servers that were already running are left alone.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

for pidfile in "$ANVIL_RUN"/*.pid; do
  [ -e "$pidfile" ] || continue
  name=$(basename "$pidfile" .pid)
  pid=$(cat "$pidfile")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for ((i = 0; i < 300; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
    say "stopped $name"
  fi
  rm -f "$pidfile"
done
bash "$(dirname "$0")/servers.sh" stop
