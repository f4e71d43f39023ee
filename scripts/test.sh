#!/usr/bin/env bash
# npm test: typecheck, lint, unit, integration on PostgreSQL and on PGlite, build, end-to-end.
set -euo pipefail
cd "$(dirname "$0")/.."

results=.test-results
rm -rf "$results" && mkdir -p "$results"
trap 'node scripts/test-summary.mjs "$results"' EXIT

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
vitest() { npx vitest run --reporter=default --reporter=json --outputFile="$results/$1.json" "${@:2}"; }

step "typecheck"
npx tsc --noEmit -p .
step "lint"
npx biome check .
step "unit tests"
vitest unit --project unit
step "integration tests (PostgreSQL when reachable, else PGlite)"
vitest integration-default --project integration
step "integration tests (embedded PGlite)"
TEST_DB_DRIVER=pglite vitest integration-pglite --project integration
step "build"
npx next build
step "end-to-end tests (Chromium)"
E2E_SKIP_BUILD=1 PLAYWRIGHT_JSON_OUTPUT_NAME="$results/e2e.json" npx playwright test --reporter=list,json
