#!/usr/bin/env bash
# `npm run down`: stops HAProxy, then the services `npm run up` started, all at once (SIGTERM, so each drains:
# consumers finish their batch, gateways finish their requests), then the servers it had to start itself.
# Servers that were already running are left alone.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

stop_service haproxy
rm -f "$ANVIL_RUN/haproxy.sock"
for pidfile in "$ANVIL_RUN"/*.pid; do
  [ -e "$pidfile" ] || continue
  stop_service "$(basename "$pidfile" .pid)" &
done
wait
bash "$(dirname "$0")/servers.sh" stop
