# Shared helpers for the infra/local scripts (sourced, not run).
ANVIL_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
ANVIL_STATE="${ANVIL_STATE_DIR:-$ANVIL_ROOT/.anvil}"
ANVIL_LOGS="$ANVIL_STATE/logs"
ANVIL_RUN="$ANVIL_STATE/run"
mkdir -p "$ANVIL_LOGS" "$ANVIL_RUN"

say() { printf '\033[1m[anvil]\033[0m %s\n' "$*"; }
die() { printf '[anvil] error: %s\n' "$*" >&2; exit 1; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_port() { # port seconds name
  local i
  for ((i = 0; i < $2 * 10; i++)); do port_open "$1" && return 0; sleep 0.1; done
  die "$3 did not open 127.0.0.1:$1 within $2 s"
}

# The ANVIL_* and OTEL_* settings `npm run up` ran with, so a service restarted later gets the same.
ANVIL_UP_ENV="$ANVIL_RUN/up.env"
save_up_env() { export -p | grep -E '^declare -x (ANVIL|OTEL)_' | sed 's/^declare -x /export /' >"$ANVIL_UP_ENV" || true; }
load_up_env() { [ -f "$ANVIL_UP_ENV" ] && source "$ANVIL_UP_ENV"; return 0; }

service_running() { [ -f "$ANVIL_RUN/$1.pid" ] && kill -0 "$(cat "$ANVIL_RUN/$1.pid")" 2>/dev/null; }

start_service() { # name main extra-env
  # shellcheck disable=SC2086
  env $3 nohup node "$2" >>"$ANVIL_LOGS/$1.log" 2>&1 &
  echo $! >"$ANVIL_RUN/$1.pid"
  say "started $1 (pid $!, log .anvil/logs/$1.log)"
}

# SIGTERM (services drain; a gateway first leaves HAProxy's rotation), SIGKILL after 30 s.
stop_service() { # name
  local pidfile="$ANVIL_RUN/$1.pid" pid i
  [ -f "$pidfile" ] || return 0
  pid=$(cat "$pidfile")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for ((i = 0; i < 300; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
    say "stopped $1"
  fi
  rm -f "$pidfile"
}

wait_ready() { # name port seconds
  local i
  for ((i = 0; i < $3 * 10; i++)); do
    curl -fsS "http://127.0.0.1:$2/readyz" >/dev/null 2>&1 && return 0
    service_running "$1" || { tail -20 "$ANVIL_LOGS/$1.log"; die "$1 exited"; }
    sleep 0.1
  done
  die "$1 is not ready after $3 s (see .anvil/logs/$1.log)"
}

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

apt_install() { # packages...
  say "installing Debian packages: $*"
  as_root apt-get update -qq >/dev/null
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# Installs node_modules from the lockfile when missing or older than the lockfile.
ensure_node_modules() {
  if [ ! -d "$ANVIL_ROOT/node_modules" ] || [ "$ANVIL_ROOT/package-lock.json" -nt "$ANVIL_ROOT/node_modules/.package-lock.json" ]; then
    say "installing npm packages (npm ci)"
    (cd "$ANVIL_ROOT" && npm ci --no-audit --no-fund >/dev/null) || die "npm ci failed"
  fi
}
