#!/usr/bin/env bash
# The main job on its bundled default: installs what is missing, then runs
# `weft translate` on the bundled bookinfo example (a Gateway with HTTPS, several
# routes, a ReferenceGrant, EndpointSlices and one deliberately invalid route): Istio
# config, statuses and Envoy xDS on stdout, a summary and the problems the statuses
# report on stderr.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
pnpm -s weft translate
