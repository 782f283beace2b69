#!/usr/bin/env bash
# The whole test suite: installs what is missing, type-checks every package, runs
# vitest, Istio's corpus when it is beside the repo and the consumer test, and ends with
# one summary line "N passed, M failed[, K skipped]" (of vitest; the exit status is
# non-zero when anything failed).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
# typecheck first generates @weft/xds's Envoy message types (packages/xds/src/gen, not committed).
pnpm -s typecheck
results=node_modules/.cache/vitest-results.json
mkdir -p "$(dirname "$results")"
status=0
pnpm -s vitest run --reporter=default --reporter=json --outputFile.json="$results" || status=$?
# Istio's gateway corpus, when it is beside the repo: a case listed as passing must pass.
corpus=../shared/conformance/istio-gateway
if [ -d "$corpus" ]; then
  echo "--- Istio gateway conformance corpus (ratchet: tools/conformance/expected-passing.txt)"
  pnpm -s conformance "$corpus" --expect tools/conformance/expected-passing.txt || status=$?
fi
# The Gateway API conformance suite's status assertions, when the suite is beside the repo.
suite=../shared/conformance/gateway-api
if [ -d "$suite" ]; then
  echo "--- Gateway API conformance suite, status assertions (ratchet: tools/gateway-api-conformance/expected-passing.txt)"
  pnpm -s conformance:gateway-api --suite "$suite" --expect tools/gateway-api-conformance/expected-passing.txt || status=$?
fi
# The packages as a new user gets them: packed from scratch, installed with npm into a
# project outside the repository (scripts/consumer-test/run.mjs; its own summary line).
echo "--- consumer test (pnpm test:consumer)"
pnpm -s test:consumer || status=$?
node scripts/summarize-tests.mjs "$results"
exit "$status"
