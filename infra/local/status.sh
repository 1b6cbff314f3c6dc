#!/usr/bin/env bash
# `npm run status`: which services run, whether each answers /readyz, and HAProxy with the state of each gateway
# replica in its rotation.
set -uo pipefail
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/services.sh"
for entry in "${ANVIL_SERVICES[@]}"; do
  IFS='|' read -r name port _ _ <<<"$entry"
  if service_running "$name"; then
    ready=$(curl -fsS "http://127.0.0.1:$port/readyz" 2>/dev/null || echo "not ready")
    printf '%-12s pid %-7s port %-5s %s\n' "$name" "$(cat "$ANVIL_RUN/$name.pid")" "$port" "$ready"
  else
    printf '%-12s stopped\n' "$name"
  fi
done
if service_running haproxy; then
  rotation=$(bash "$(dirname "$0")/haproxy.sh" states | paste -sd, - | sed 's/,/, /g')
  printf '%-12s pid %-7s port %-5s %s\n' haproxy "$(cat "$ANVIL_RUN/haproxy.pid")" "${ANVIL_HAPROXY_PORT:-8080}" \
    "${rotation:-stats page not answering}"
else
  printf '%-12s stopped\n' haproxy
fi
bash "$(dirname "$0")/opensearch.sh" status
