#!/usr/bin/env bash
# `npm run up`: installs what is missing, starts the servers, builds, migrates, seeds the demo
# (a simulated grid of 20 sites / 40 queues and one functional template), starts every service
# in the background (logs under .anvil/logs), then HAProxy in front of the two gateway replicas. Prints where to look.
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

save_up_env
for entry in "${ANVIL_SERVICES[@]}"; do
  IFS='|' read -r name port main extra <<<"$entry"
  if service_running "$name"; then
    say "$name already running (pid $(cat "$ANVIL_RUN/$name.pid"))"
    continue
  fi
  start_service "$name" "$main" "$extra"
done

for entry in "${ANVIL_SERVICES[@]}"; do
  IFS='|' read -r name port _ _ <<<"$entry"
  wait_ready "$name" "$port" 60
done
bash infra/local/haproxy.sh start
api="http://127.0.0.1:${ANVIL_HAPROXY_PORT:-8080}"

# An admin API token for writes (docs/services/gateway.md#authentication-roles-tokens-audit-rate-limits), kept in
# .anvil/admin-token across runs; a new one only when there is none or the gateway says it is unknown (401). The
# token goes to curl in a config on stdin, never on a command line (`ps` shows those to every user).
admin_token_file="$ANVIL_STATE/admin-token"
token_check=missing
if [ -s "$admin_token_file" ]; then
  token_check=$(printf 'header = "Authorization: Bearer %s"\n' "$(<"$admin_token_file")" |
    curl -s -o /dev/null -w '%{http_code}' --config - "$api/api/v1/tokens") || true
fi
case "$token_check" in
  200) ;;
  missing | 401)
    (umask 077 && node libs/db/dist/cli/create-api-token.js --name local-admin --role admin --created-by 'npm run up' >"$admin_token_file")
    say "made an admin API token: $admin_token_file"
    ;;
  *) say "warning: could not check the admin token in $admin_token_file ($api/api/v1/tokens answered ${token_check:-nothing}); kept it" ;;
esac

cat <<MSG

  Anvil is up on the simulated grid.

    web UI        $api/   (reads are public; sign in with the admin token below to act as admin)
    API           $api/api/v1/tests?state=running   (HAProxy, two gateway replicas behind it)
    API docs      $api/api/docs   (OpenAPI; the JSON at $api/api/docs.json)
    queues        $api/api/v1/queues
    templates     $api/api/v1/templates
    decisions     $api/api/v1/decisions   (exclusions and recoveries by the decider)
    health        $api/readyz
    admin token   $admin_token_file   (writes: -H "Authorization: Bearer \$(cat $admin_token_file)")
    HAProxy       http://127.0.0.1:${ANVIL_HAPROXY_STATS_PORT:-8404}/stats
    logs          $ANVIL_LOGS/<service>.log   (stdout of each service)
    OpenSearch    http://127.0.0.1:${ANVIL_OPENSEARCH_PORT:-9200}/anvil-*/_search   (access, application and decision
                  logs, shipped by the shipper; dashboards to import: infra/opensearch/)
    status        npm run status
    redeploy      npm run build && npm run restart:gateways   (one replica at a time, no failed request)
    stop          npm run down

MSG
if [ -n "${ANVIL_SIM_SCENARIO:-}" ]; then
  say "replaying sim scenario $ANVIL_SIM_SCENARIO at ${ANVIL_SIM_TIME_SCALE:-60} scenario seconds per second"
fi
