#!/usr/bin/env bash
# The main job on its bundled default: installs what is missing, then runs the krt
# example (a small graph over bundled Pods and Services, one change, the graph dump).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
pnpm -s example
