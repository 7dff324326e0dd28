#!/usr/bin/env bash
# The gateway's Swagger UI in a real browser (headless Chromium): select the order-service document, Authorize with
# OAuth2's authorization code flow (PKCE, public client platform-public, sign in as alice in auth-service's popup),
# then "Try it out" POST /api/orders, which must answer 201. The steps are in swagger-ui/check.mjs.
#
#   deployment-tests/swagger-ui-check.sh [gateway-url]    default http://localhost:<8080 + PLATFORM_PORT_OFFSET>
#
# Needs the platform running (./local.sh up). auth-service is looked for on the gateway's host at port
# 9000 + PLATFORM_PORT_OFFSET, or at $AUTH_URL. Installs what it needs: Debian's chromium (apt-get, as root) when
# /usr/bin/chromium is missing, and playwright-core (npm) into swagger-ui/node_modules; no browser is downloaded.
# On failure: .local/logs/swagger-ui-check.png and the page's text; exit 1.
set -euo pipefail
cd "$(dirname "$0")/.."

OFFSET=${PLATFORM_PORT_OFFSET:-0}
GATEWAY_URL=${1:-http://localhost:$((8080 + OFFSET))}
gateway_host=$(sed -E 's#^[a-zA-Z]+://([^:/]+).*#\1#' <<<"$GATEWAY_URL")
AUTH_URL=${AUTH_URL:-http://$gateway_host:$((9000 + OFFSET))}
export GATEWAY_URL AUTH_URL
export CHROMIUM=${CHROMIUM:-/usr/bin/chromium}

say() { printf 'swagger-ui-check: %s\n' "$*"; }
die() { printf 'swagger-ui-check: FAILED: %s\n' "$*" >&2; exit 1; }

# --- the browser: Debian's package (Playwright's own browser download cannot reach its host from here) ------------
if [ ! -x "$CHROMIUM" ]; then
  [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null || die "$CHROMIUM is missing; install Debian's chromium package"
  say "installing Debian's chromium (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  # A fresh machine may have no package lists yet: update only when the first attempt cannot find the package.
  apt-get install -y -qq chromium >/dev/null 2>&1 \
    || { apt-get update -qq >/dev/null && apt-get install -y -qq chromium >/dev/null; } \
    || die "apt-get could not install chromium"
fi
"$CHROMIUM" --version 2>/dev/null | head -1 || true

# --- playwright-core: the driver only (PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD in case a later version tried) ------------
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
npm install --prefix deployment-tests/swagger-ui --no-package-lock --no-audit --no-fund --loglevel=error >/dev/null \
  || die "npm could not install playwright-core (deployment-tests/swagger-ui/package.json)"

say "gateway $GATEWAY_URL, auth-service $AUTH_URL"
mkdir -p .local/logs
node deployment-tests/swagger-ui/check.mjs
