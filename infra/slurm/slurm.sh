#!/usr/bin/env bash
# Anvil's single-node Slurm cluster (Debian slurm-wlm, auth/none, no munge, no slurmdbd): partitions
# anvil-a, anvil-b, anvil-c and anvil-actuator on this host. Usage: slurm.sh [ensure|stop|status]
#   ensure  install slurm-wlm when missing, write /etc/slurm/slurm.conf, start slurmctld and slurmd when
#           they are not running, wait until the node takes jobs; idempotent and fast when all runs
#   stop    stop the daemons that `ensure` started
#   status  print the daemons' state and `sinfo`
# Also creates the users of the actuator's checks: group and user `anvil-test` (the test submitter)
# and user `anvil-prod` (a production user outside that group). See docs/slurm.md.
set -euo pipefail
source "$(dirname "$0")/../local/lib.sh"

SLURM_DIR="${ANVIL_SLURM_DIR:-/var/lib/anvil-slurm}"
SLURM_CONF=/etc/slurm/slurm.conf
TEMPLATE="$ANVIL_ROOT/infra/slurm/slurm.conf.template"
STARTED="$ANVIL_RUN/slurm-started"
READY_TIMEOUT_S="${ANVIL_SLURM_READY_TIMEOUT_S:-60}"
TEST_GROUP=anvil-test
TEST_USER=anvil-test
PROD_USER=anvil-prod

# Pid of a running daemon (slurmctld|slurmd) from its pid file, or failure.
daemon_pid() {
  local pid
  pid=$(cat "$SLURM_DIR/run/$1.pid" 2>/dev/null) || return 1
  # A zombie (no init reaps it on these machines) counts as stopped.
  [ -n "$pid" ] && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = "$1" ] &&
    [ "$(cut -d' ' -f3 "/proc/$pid/stat" 2>/dev/null)" != Z ] && echo "$pid"
}

install_slurm() {
  [ -x /usr/sbin/slurmctld ] && [ -x /usr/sbin/slurmd ] && command -v sinfo >/dev/null && return 0
  # Keep the packages' maintainer scripts from starting munge or the daemons with a default config.
  local policy=/usr/sbin/policy-rc.d added=
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | as_root tee "$policy" >/dev/null && as_root chmod 755 "$policy" && added=1
  fi
  apt_install slurm-wlm || { [ -z "$added" ] || as_root rm -f "$policy"; die "could not install slurm-wlm"; }
  [ -z "$added" ] || as_root rm -f "$policy"
}

ensure_users() {
  getent group "$TEST_GROUP" >/dev/null || as_root groupadd --system "$TEST_GROUP"
  getent passwd "$TEST_USER" >/dev/null ||
    as_root useradd --system --gid "$TEST_GROUP" --no-create-home --shell /usr/sbin/nologin "$TEST_USER"
  getent passwd "$PROD_USER" >/dev/null ||
    as_root useradd --system --user-group --no-create-home --shell /usr/sbin/nologin "$PROD_USER"
}

# slurm.conf for this host: the template with the node's hardware as `slurmd -C` reports it.
render_conf() {
  local host hardware cpus mem defmem
  host=$(hostname -s)
  hardware=$(/usr/sbin/slurmd -C | sed -nE '1{s/^NodeName=[^ ]+ //; s/ *$//; p}')
  cpus=$(sed -nE 's/.*(^| )CPUs=([0-9]+).*/\2/p' <<<"$hardware")
  mem=$(sed -nE 's/.*RealMemory=([0-9]+).*/\1/p' <<<"$hardware")
  [ -n "$cpus" ] && [ -n "$mem" ] || die "could not read CPUs and RealMemory from 'slurmd -C': $hardware"
  defmem=$((mem / cpus < 1024 ? mem / cpus : 1024))
  sed -e "s|@HOST@|$host|g" -e "s|@DIR@|$SLURM_DIR|g" -e "s|@HARDWARE@|$hardware|g" -e "s|@DEFMEM@|$defmem|g" \
    "$TEMPLATE"
}

# Writes the config when it changed, and says so in conf_changed.
conf_changed=
write_conf() {
  local rendered
  rendered=$(render_conf)
  if [ -f "$SLURM_CONF" ] && [ "$(cat "$SLURM_CONF")" = "$rendered" ]; then
    return 0
  fi
  as_root mkdir -p /etc/slurm
  printf '%s\n' "$rendered" | as_root tee "$SLURM_CONF.anvil-new" >/dev/null
  as_root mv "$SLURM_CONF.anvil-new" "$SLURM_CONF"
  conf_changed=1
}

stop_daemon() { # slurmctld|slurmd
  local pid i
  pid=$(daemon_pid "$1") || return 0
  as_root kill "$pid" 2>/dev/null || true
  for ((i = 0; i < 100; i++)); do daemon_pid "$1" >/dev/null || return 0; sleep 0.1; done
  die "$1 (pid $pid) did not stop within 10 s"
}

start_daemon() { # slurmctld|slurmd
  daemon_pid "$1" >/dev/null && return 0
  say "starting $1"
  as_root "/usr/sbin/$1" -f "$SLURM_CONF" || die "$1 did not start; see $SLURM_DIR/log/$1.log"
  grep -qx "$1" "$STARTED" 2>/dev/null || echo "$1" >>"$STARTED"
}

# The node's state as sinfo reports it (idle, mixed, allocated, down*, drained, …), empty when the
# controller does not answer.
node_state() { timeout 5 sinfo --noheader --nodes "$(hostname -s)" --format %T 2>/dev/null | head -1; }

wait_ready() {
  local state daemon i resumed=
  for ((i = 0; i < READY_TIMEOUT_S * 5; i++)); do
    for daemon in slurmctld slurmd; do
      daemon_pid "$daemon" >/dev/null ||
        die "$daemon is not running; last lines of $SLURM_DIR/log/$daemon.log:
$(tail -5 "$SLURM_DIR/log/$daemon.log" 2>/dev/null)"
    done
    state=$(node_state || true)
    case "$state" in
      idle | mixed | allocated | completing) return 0 ;;
      drained | draining | down)
        # A node drained or downed earlier (e.g. by a killed job) is taken back once.
        if [ -z "$resumed" ]; then
          as_root scontrol update NodeName="$(hostname -s)" State=RESUME >/dev/null 2>&1 || true
          resumed=1
        fi
        ;;
    esac
    sleep 0.2
  done
  die "Slurm node $(hostname -s) not ready within ${READY_TIMEOUT_S} s; sinfo says: $(
    timeout 5 sinfo --noheader --nodes "$(hostname -s)" --format '%T %E' 2>&1 | head -1
  ); logs in $SLURM_DIR/log/"
}

ensure() {
  install_slurm
  ensure_users
  as_root mkdir -p "$SLURM_DIR"/{state,spool,run,log}
  write_conf
  if [ -n "$conf_changed" ]; then
    say "wrote $SLURM_CONF"
    # Node and partition definitions only take effect on a restart.
    stop_daemon slurmd
    stop_daemon slurmctld
  fi
  start_daemon slurmctld
  start_daemon slurmd
  wait_ready
}

stop() {
  [ -f "$STARTED" ] || return 0
  # slurmd first, so it does not log the controller's disappearance.
  local daemon
  for daemon in slurmd slurmctld; do
    if grep -qx "$daemon" "$STARTED"; then
      stop_daemon "$daemon"
      say "stopped $daemon"
    fi
  done
  rm -f "$STARTED"
}

status() {
  local daemon pid
  for daemon in slurmctld slurmd; do
    if pid=$(daemon_pid "$daemon"); then echo "$daemon: running (pid $pid)"; else echo "$daemon: not running"; fi
  done
  timeout 5 sinfo 2>&1 || true
}

# One ensure/stop at a time (test files starting in parallel may all call ensure).
lock() { exec 9>"$ANVIL_RUN/slurm.lock" && flock -w 600 9 || die "another slurm.sh held $ANVIL_RUN/slurm.lock for 600 s"; }

case "${1:-ensure}" in
  ensure) lock; ensure ;;
  stop) lock; stop ;;
  status) status ;;
  *) die "usage: slurm.sh [ensure|stop|status]" ;;
esac
