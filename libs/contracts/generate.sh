#!/usr/bin/env bash
# Generates TypeScript from proto/anvil/v1/*.proto into libs/contracts/src/gen.
# With --check, generates into a scratch folder and fails if the committed code is stale.
set -euo pipefail
cd "$(dirname "$0")/../.."
npx buf lint
if [ "${1:-}" = "--check" ]; then
  scratch=$(mktemp -d)
  trap 'rm -rf "$scratch"' EXIT
  npx buf generate --template '{"version":"v2","plugins":[{"local":"node_modules/.bin/protoc-gen-es","out":"'"$scratch"'","opt":["target=ts","import_extension=none"]}]}'
  if ! diff -r "$scratch" libs/contracts/src/gen; then
    echo "libs/contracts/src/gen is stale: run 'npm run contracts:generate' and commit the result" >&2
    exit 1
  fi
  echo "generated contracts are up to date"
else
  rm -rf libs/contracts/src/gen
  npx buf generate
fi
