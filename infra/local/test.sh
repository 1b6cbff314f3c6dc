#!/usr/bin/env bash
# `npm test`: the whole suite. Generated contracts up to date, lint, typecheck, build (integration
# tests run built services as real processes), unit tests, then integration tests (browser tests included) against
# the real PostgreSQL, NATS, Redis and OpenSearch on loopback (started here when they are not running).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ANVIL_ROOT"

ensure_node_modules
bash infra/local/servers.sh ensure
bash infra/slurm/slurm.sh ensure
# The browser tests (test/web/) drive Debian's chromium.
[ -x /usr/bin/chromium ] || apt_install chromium
say "checking generated contracts"; npm run --silent contracts:check
say "lint"; npm run --silent lint
say "typecheck"; npm run --silent typecheck
say "build"; npm run --silent build
say "unit tests"; npx jest -c jest.unit.config.js --ci
say "integration tests"; npx jest -c jest.int.config.js --ci
