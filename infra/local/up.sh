#!/usr/bin/env bash
# `npm run up`: installs what is missing, starts the servers, builds, migrates, seeds the demo
# (a simulated grid of 20 sites / 40 queues and one functional template) and starts every service
# in the background, logs under .anvil/logs. Prints where to look.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/services.sh"
cd "$ANVIL_ROOT"

export ANVIL_DATABASE_URL="${ANVIL_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/anvil}"

ensure_node_modules
bash infra/local/servers.sh ensure
say "building"
npm run --silent build >"$ANVIL_LOGS/build.log" 2>&1 || { cat "$ANVIL_LOGS/build.log"; die "build failed"; }
say "migrating $ANVIL_DATABASE_URL"
node libs/db/dist/cli/migrate.js
if [ -n "${ANVIL_SIM_SCENARIO:-}" ]; then
  # Replay a sim scenario live (docs/backends/sim.md): seed its grid instead of the demo grid; the services
  # inherit ANVIL_SIM_SCENARIO (and ANVIL_SIM_SEED, ANVIL_SIM_TIME_SCALE, ANVIL_SIM_START_HOUR) from here.
  say "seeding the grid of sim scenario $ANVIL_SIM_SCENARIO"
  node libs/db/dist/cli/seed-scenario.js "$ANVIL_SIM_SCENARIO" \
    --seed "${ANVIL_SIM_SEED:-42}" --time-scale "${ANVIL_SIM_TIME_SCALE:-60}"
else
  say "seeding the demo grid"
  node libs/db/dist/cli/seed-demo.js
fi

for entry in "${ANVIL_SERVICES[@]}"; do
  IFS='|' read -r name port main extra <<<"$entry"
  pidfile="$ANVIL_RUN/$name.pid"
  if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    say "$name already running (pid $(cat "$pidfile"))"
    continue
  fi
  # shellcheck disable=SC2086
  env $extra nohup node "$main" >>"$ANVIL_LOGS/$name.log" 2>&1 &
  echo $! >"$pidfile"
  say "started $name (pid $!, log .anvil/logs/$name.log)"
done

for entry in "${ANVIL_SERVICES[@]}"; do
  IFS='|' read -r name port _ _ <<<"$entry"
  for ((i = 0; i < 600; i++)); do
    curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break
    kill -0 "$(cat "$ANVIL_RUN/$name.pid")" 2>/dev/null || { tail -20 "$ANVIL_LOGS/$name.log"; die "$name exited"; }
    sleep 0.1
  done
  curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 || die "$name is not ready after 60 s (see .anvil/logs/$name.log)"
done

cat <<MSG

  Anvil is up on the simulated grid.

    API           http://127.0.0.1:8080/api/v1/tests?state=running
    queues        http://127.0.0.1:8080/api/v1/queues
    templates     http://127.0.0.1:8080/api/v1/templates
    decisions     http://127.0.0.1:8080/api/v1/decisions   (exclusions and recoveries by the decider)
    health        http://127.0.0.1:8080/readyz
    logs          $ANVIL_LOGS/<service>.log
    status        npm run status
    stop          npm run down

MSG
if [ -n "${ANVIL_SIM_SCENARIO:-}" ]; then
  say "replaying sim scenario $ANVIL_SIM_SCENARIO at ${ANVIL_SIM_TIME_SCALE:-60} scenario seconds per second"
fi
