#!/usr/bin/env bash
# `npm run restart:gateways`: restarts the gateway replicas one at a time, e.g. to run a new build, without a
# failed request: SIGTERM (the replica answers 503 on /readyz, HAProxy takes it out of rotation, it finishes what
# is in flight and exits), start it again with the environment `npm run up` had, wait until HAProxy reports it
# UP, and only then the next one.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/services.sh"
cd "$ANVIL_ROOT"

service_running haproxy || die "HAProxy is not running (npm run up)"
load_up_env
gateways=()
for entry in "${ANVIL_SERVICES[@]}"; do
  IFS='|' read -r name _ _ _ <<<"$entry"
  [[ $name == gateway-* ]] && gateways+=("$entry")
done

for entry in "${gateways[@]}"; do
  IFS='|' read -r name port main extra <<<"$entry"
  # The others in rotation first: restarting this one while another is out would leave no replica.
  for other in "${gateways[@]}"; do
    [ "${other%%|*}" = "$name" ] || bash infra/local/haproxy.sh wait-up "${other%%|*}" 60
  done
  started=$(date +%s.%N)
  stop_service "$name"
  start_service "$name" "$main" "$extra"
  wait_ready "$name" "$port" 60
  bash infra/local/haproxy.sh wait-up "$name" 60
  say "$name is back in rotation ($(awk -v s="$started" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }') s)"
done
