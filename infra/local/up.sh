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
say "seeding the demo grid"
node libs/db/dist/cli/seed-demo.js

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
