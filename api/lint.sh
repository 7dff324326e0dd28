#!/usr/bin/env bash
# Lints the services' OpenAPI documents with Redocly CLI under api/redocly.yaml; fails on any error.
#   api/lint.sh                        the committed copies, docs/openapi/*.json
#   api/lint.sh http://localhost:8080  the documents the running gateway serves (.ci/run does this after ./local.sh up)
# Needs Node.js and npm (installs the pinned @redocly/cli of api/package.json on first use).
set -euo pipefail
cd "$(dirname "$0")"
if [ ! -x node_modules/.bin/redocly ]; then
  npm install --no-package-lock --no-audit --no-fund --loglevel=error >/dev/null
fi
docs=()
if [ $# -gt 0 ]; then
  dir=$(mktemp -d)
  trap 'rm -rf "$dir"' EXIT
  for service in product-service order-service worker-service; do
    curl -fsS "$1/v3/api-docs/$service" -o "$dir/$service.json" \
      || { echo "cannot fetch $1/v3/api-docs/$service" >&2; exit 1; }
    docs+=("$dir/$service.json")
  done
else
  docs=(../docs/openapi/*.json)
fi
# Redocly prints a Node.js deprecation banner on Node 20; the lint itself supports it.
node_modules/.bin/redocly lint --config redocly.yaml "${docs[@]}" 2>&1 | grep -v -E '[═║]|^\s*$'
exit "${PIPESTATUS[0]}"
