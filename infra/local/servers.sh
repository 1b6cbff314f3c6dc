#!/usr/bin/env bash
# Starts PostgreSQL, Redis, NATS (JetStream) and OpenSearch (opensearch.sh: Maven Central's minimal distribution)
# on loopback when they are not running, installing them when missing; also installs GNU time, which the local and slurm
# backends measure jobs with, and HAProxy (started by up.sh, the failover benchmark and tests, never as the
# system service). Usage: servers.sh [ensure|stop]
set -euo pipefail
source "$(dirname "$0")/lib.sh"

ensure_postgres() {
  port_open 5432 && return 0
  command -v pg_ctlcluster >/dev/null || apt_install postgresql
  local version
  version=$(ls /etc/postgresql | sort -V | tail -1)
  say "starting PostgreSQL $version"
  as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start
  wait_port 5432 30 PostgreSQL
  echo postgres >>"$ANVIL_RUN/servers-started"
}

ensure_redis() {
  port_open 6379 && return 0
  command -v redis-server >/dev/null || apt_install redis-server
  say "starting Redis"
  as_root mkdir -p /var/lib/redis /var/log/redis
  as_root redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log
  wait_port 6379 15 Redis
  echo redis >>"$ANVIL_RUN/servers-started"
}

ensure_nats() {
  port_open 4222 && return 0
  command -v nats-server >/dev/null || [ -x /usr/sbin/nats-server ] || apt_install nats-server
  say "starting NATS with JetStream"
  as_root mkdir -p /var/lib/nats-server
  as_root start-stop-daemon --start --oknodo --background --exec /usr/sbin/nats-server -- \
    -a 127.0.0.1 -p 4222 -js -sd /var/lib/nats-server -l /var/log/nats-server.log
  wait_port 4222 15 NATS
  echo nats >>"$ANVIL_RUN/servers-started"
}

ensure_opensearch() {
  port_open "${ANVIL_OPENSEARCH_PORT:-9200}" && return 0
  bash "$(dirname "$0")/opensearch.sh" ensure
  echo opensearch >>"$ANVIL_RUN/servers-started"
}

# GNU time (/usr/bin/time): wall, CPU and max RSS of local and Slurm jobs. coreutils (timeout) is always there.
ensure_job_tools() {
  [ -x /usr/bin/time ] || apt_install time
}

# HAProxy, the edge in front of the gateway replicas (haproxy/haproxy.cfg); only installed here.
ensure_haproxy() {
  command -v haproxy >/dev/null || [ -x /usr/sbin/haproxy ] || apt_install haproxy
}

stop_started() {
  [ -f "$ANVIL_RUN/servers-started" ] || return 0
  while read -r server; do
    case "$server" in
      postgres) as_root pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -1)" main stop || true ;;
      redis) redis-cli -p 6379 shutdown nosave >/dev/null 2>&1 || true ;;
      opensearch) bash "$(dirname "$0")/opensearch.sh" stop ;;
      nats) as_root start-stop-daemon --stop --oknodo --exec /usr/sbin/nats-server >/dev/null || true ;;
    esac
    say "stopped $server"
  done <"$ANVIL_RUN/servers-started"
  rm -f "$ANVIL_RUN/servers-started"
}

case "${1:-ensure}" in
  ensure) ensure_job_tools; ensure_haproxy; ensure_postgres; ensure_redis; ensure_nats; ensure_opensearch ;;
  stop) stop_started ;;
  *) die "usage: servers.sh [ensure|stop]" ;;
esac
