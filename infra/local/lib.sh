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
