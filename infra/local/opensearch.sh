#!/usr/bin/env bash
# OpenSearch on loopback for development, tests and CI: the minimal distribution from Maven Central
# (org.opensearch.distribution.integ-test-zip:opensearch), on the machine's Java 17, with a small heap.
# Installed once into a cache outside the checkout (kept between runs and clones); data under the same cache.
# OpenSearch refuses to run as root: as root it runs as the system user `anvil-opensearch`.
# Usage: opensearch.sh [ensure|start|stop|status]   (ensure = install when missing, start when not running)
# Settings: ANVIL_OPENSEARCH_VERSION (2.19.1), ANVIL_OPENSEARCH_PORT (9200), ANVIL_OPENSEARCH_HEAP (1g),
#           ANVIL_OPENSEARCH_HOME (the cache: /opt/anvil as root, else ~/.cache/anvil).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

version="${ANVIL_OPENSEARCH_VERSION:-2.19.1}"
port="${ANVIL_OPENSEARCH_PORT:-9200}"
heap="${ANVIL_OPENSEARCH_HEAP:-1g}"
if [ "$(id -u)" = 0 ]; then
  cache="${ANVIL_OPENSEARCH_HOME:-/opt/anvil}"
  run_as=(runuser -u anvil-opensearch --)
else
  cache="${ANVIL_OPENSEARCH_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/anvil}"
  run_as=()
fi
home="$cache/opensearch-$version"
data="$cache/opensearch-data-$version"
pidfile="$data/opensearch.pid"

java_home() {
  command -v java >/dev/null || apt_install openjdk-17-jre-headless
  dirname "$(dirname "$(readlink -f "$(command -v java)")")"
}

install_opensearch() {
  [ -x "$home/bin/opensearch" ] && return 0
  command -v mvn >/dev/null || apt_install maven
  command -v unzip >/dev/null || apt_install unzip
  say "fetching OpenSearch $version from Maven Central"
  local download
  download=$(mktemp -d)
  mvn -q dependency:copy -Dartifact="org.opensearch.distribution.integ-test-zip:opensearch:$version:zip" \
    -DoutputDirectory="$download" || die "could not fetch org.opensearch.distribution.integ-test-zip:opensearch:$version:zip from Maven Central"
  mkdir -p "$cache"
  rm -rf "$home.partial"
  unzip -q "$download/opensearch-$version.zip" -d "$home.partial"
  mv "$home.partial/opensearch-$version" "$home"
  rm -rf "$home.partial" "$download"
  # Loopback only, one node, no disk watermarks (a nearly full disk must not turn the indices read-only in tests).
  cat >"$home/config/opensearch.yml" <<YML
cluster.name: anvil-local
node.name: anvil-local-1
network.host: 127.0.0.1
http.port: $port
transport.port: $((port + 100))
discovery.type: single-node
path.data: $data/data
path.logs: $data/logs
cluster.routing.allocation.disk.threshold_enabled: false
action.destructive_requires_name: false
YML
  say "installed OpenSearch $version in $home"
}

prepare_user() {
  mkdir -p "$data/data" "$data/logs"
  if [ "$(id -u)" = 0 ]; then
    id anvil-opensearch >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin anvil-opensearch
    chown -R anvil-opensearch "$data" "$home/config" "$home/logs" 2>/dev/null || chown -R anvil-opensearch "$data" "$home/config"
    chmod o+rx "$cache"
  fi
}

running() { [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; }

start_opensearch() {
  if port_open "$port"; then return 0; fi
  install_opensearch
  prepare_user
  say "starting OpenSearch $version on 127.0.0.1:$port (heap $heap; log $data/logs)"
  rm -f "$pidfile"
  "${run_as[@]}" env OPENSEARCH_JAVA_HOME="$(java_home)" OPENSEARCH_JAVA_OPTS="-Xms$heap -Xmx$heap" \
    "$home/bin/opensearch" -d -p "$pidfile" >"$data/logs/start.out" 2>&1 ||
    { tail -30 "$data/logs/start.out"; die "OpenSearch failed to start (see $data/logs)"; }
  local i
  for ((i = 0; i < 1200; i++)); do
    if curl -fsS "http://127.0.0.1:$port/_cluster/health?wait_for_status=yellow&timeout=1s" >/dev/null 2>&1; then
      say "OpenSearch is up"
      return 0
    fi
    sleep 0.1
  done
  tail -30 "$data/logs/anvil-local.log" 2>/dev/null || true
  die "OpenSearch did not become ready on 127.0.0.1:$port within 120 s"
}

stop_opensearch() {
  running || return 0
  local pid i
  pid=$(cat "$pidfile")
  kill -TERM "$pid"
  for ((i = 0; i < 300; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
  rm -f "$pidfile"
  say "stopped OpenSearch"
}

case "${1:-ensure}" in
  ensure | start) start_opensearch ;;
  stop) stop_opensearch ;;
  status) if port_open "$port"; then echo "OpenSearch: up on 127.0.0.1:$port"; else echo "OpenSearch: down"; fi ;;
  *) die "usage: opensearch.sh [ensure|start|stop|status]" ;;
esac
