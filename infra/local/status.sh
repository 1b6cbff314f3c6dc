#!/usr/bin/env bash
# `npm run status`: which services run, and whether each answers /readyz.
set -uo pipefail
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/services.sh"
for entry in "${ANVIL_SERVICES[@]}"; do
  IFS='|' read -r name port _ _ <<<"$entry"
  pidfile="$ANVIL_RUN/$name.pid"
  if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    ready=$(curl -fsS "http://127.0.0.1:$port/readyz" 2>/dev/null || echo "not ready")
    printf '%-12s pid %-7s port %-5s %s\n' "$name" "$(cat "$pidfile")" "$port" "$ready"
  else
    printf '%-12s stopped\n' "$name"
  fi
done
