#!/usr/bin/env bash
# HAProxy in front of the gateway replicas (haproxy/haproxy.cfg), run from .anvil/run like the services, not as
# the system service. Usage: haproxy.sh start | wait-up <server> <seconds> | states
#   start      install it when missing, start it on ANVIL_HAPROXY_PORT (8080) unless running, wait for every
#              gateway replica to be UP
#   wait-up    wait until HAProxy reports the server (gateway-a, gateway-b) UP
#   states     one line per server: name and state (UP, DOWN, "UP 1/2" going down, "DOWN 1/2" going up, MAINT)
# The stats page is http://127.0.0.1:${ANVIL_HAPROXY_STATS_PORT:-8404}/stats; `npm run down` stops HAProxy.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/services.sh"

HAPROXY_PORT="${ANVIL_HAPROXY_PORT:-8080}"
STATS_PORT="${ANVIL_HAPROXY_STATS_PORT:-8404}"

gateway_port() { # name
  local entry name port
  for entry in "${ANVIL_SERVICES[@]}"; do
    IFS='|' read -r name port _ _ <<<"$entry"
    [ "$name" = "$1" ] && { echo "$port"; return 0; }
  done
  die "no service $1 in infra/local/services.sh"
}

states() {
  curl -fsS "http://127.0.0.1:$STATS_PORT/stats;csv" 2>/dev/null |
    awk -F, '$1 == "gateways" && $2 != "BACKEND" { print $2, $18 }'
}

# Dies with the end of HAProxy's log when it is not running (it exits at once on a port taken or a bad config).
check_alive() {
  service_running haproxy && return 0
  tail -20 "$ANVIL_LOGS/haproxy.log" >&2 || true
  die "haproxy is not running (its log above, .anvil/logs/haproxy.log): is 127.0.0.1:$HAPROXY_PORT (ANVIL_HAPROXY_PORT) or :$STATS_PORT (ANVIL_HAPROXY_STATS_PORT) taken by another process?"
}

wait_up() { # server seconds
  local i
  for ((i = 0; i < $2 * 10; i++)); do
    [ "$(states | awk -v s="$1" '$1 == s { $1 = ""; print substr($0, 2) }')" = UP ] && return 0
    check_alive
    sleep 0.1
  done
  die "HAProxy does not report $1 UP after $2 s (npm run status; .anvil/logs/$1.log)"
}

start() {
  command -v haproxy >/dev/null || [ -x /usr/sbin/haproxy ] || apt_install haproxy
  PATH="$PATH:/usr/sbin"
  if service_running haproxy; then
    say "haproxy already running (pid $(cat "$ANVIL_RUN/haproxy.pid"))"
  else
    local port
    for port in "$HAPROXY_PORT" "$STATS_PORT"; do
      port_open "$port" && die "127.0.0.1:$port is taken by another process, HAProxy could not listen there: stop that process, or choose other ports with ANVIL_HAPROXY_PORT / ANVIL_HAPROXY_STATS_PORT"
    done
    ANVIL_HAPROXY_ADDR="${ANVIL_HAPROXY_ADDR:-127.0.0.1}" ANVIL_HAPROXY_PORT="$HAPROXY_PORT" \
      ANVIL_HAPROXY_STATS_PORT="$STATS_PORT" ANVIL_HAPROXY_SOCKET="$ANVIL_RUN/haproxy.sock" \
      ANVIL_GATEWAY_A="127.0.0.1:$(gateway_port gateway-a)" ANVIL_GATEWAY_B="127.0.0.1:$(gateway_port gateway-b)" \
      nohup haproxy -db -f "$ANVIL_ROOT/haproxy/haproxy.cfg" >>"$ANVIL_LOGS/haproxy.log" 2>&1 &
    echo $! >"$ANVIL_RUN/haproxy.pid"
    say "started haproxy on 127.0.0.1:$HAPROXY_PORT (pid $!, log .anvil/logs/haproxy.log, stats http://127.0.0.1:$STATS_PORT/stats)"
  fi
  # The port open is not enough: it must be HAProxy's, so HAProxy must still be running once it is.
  local i
  for ((i = 0; i < 100; i++)); do
    check_alive
    port_open "$HAPROXY_PORT" && break
    sleep 0.1
  done
  port_open "$HAPROXY_PORT" || die "HAProxy did not open 127.0.0.1:$HAPROXY_PORT within 10 s (.anvil/logs/haproxy.log)"
  check_alive
  wait_up gateway-a 30
  wait_up gateway-b 30
}

case "${1:-}" in
  start) start ;;
  wait-up) wait_up "$2" "${3:-60}" ;;
  states) states ;;
  *) die "usage: haproxy.sh start | wait-up <server> <seconds> | states" ;;
esac
