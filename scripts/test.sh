#!/usr/bin/env bash
# npm test: typecheck, lint, unit, integration on PostgreSQL and on PGlite, build, end-to-end.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "typecheck"
npx tsc --noEmit -p .
step "lint"
npx biome check .
step "unit tests"
npx vitest run --project unit
step "integration tests (PostgreSQL when reachable, else PGlite)"
npx vitest run --project integration
step "integration tests (embedded PGlite)"
TEST_DB_DRIVER=pglite npx vitest run --project integration
step "build"
npx next build
step "end-to-end tests (Chromium)"
E2E_SKIP_BUILD=1 npx playwright test
