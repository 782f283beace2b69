#!/usr/bin/env bash
# Installs the pnpm pinned in package.json's packageManager field (with npm, because
# the corepack shipped with Node 20 cannot verify current pnpm signatures), then the
# workspace's dependencies from the lockfile. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
want=$(node -p 'require("./package.json").packageManager.split("@")[1]')
have=$(pnpm --version 2>/dev/null || true)
if [ "$have" != "$want" ]; then
  echo "bootstrap: installing pnpm $want" >&2
  npm install -g --silent "pnpm@$want" >&2
fi
if [ -n "${CI:-}" ]; then
  pnpm install --frozen-lockfile --reporter=append-only >&2
else
  pnpm install --reporter=silent >&2
fi
