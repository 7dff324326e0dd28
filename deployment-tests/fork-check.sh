#!/usr/bin/env bash
# Proves the "Forking it" steps (docs/forking.md): copies this repository to a temporary directory, runs that file's
# fork-steps block on it with another package, checks nothing still names the old one, builds the copy (no tests:
# it is the same code) and brings it up with ./local.sh on a port offset, asks its gateway for a product page,
# and takes it down again. Leaves nothing running and removes the copy (FORK_CHECK_KEEP=1 keeps it).
#   deployment-tests/fork-check.sh                  # PLATFORM_PORT_OFFSET defaults to 3000 here
#   PLATFORM_PORT_OFFSET=5000 deployment-tests/fork-check.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
export PLATFORM_PORT_OFFSET=${PLATFORM_PORT_OFFSET:-3000}
NEW_PACKAGE=${FORK_CHECK_PACKAGE:-com.example.forkcheck}

COPY=$(mktemp -d "${TMPDIR:-/tmp}/fork-check.XXXXXX")
fail() { echo "FORK CHECK FAILED: $*" >&2; exit 1; }
cleanup() {
  if [ -x "$COPY/local.sh" ]; then (cd "$COPY" && ./local.sh down >/dev/null 2>&1) || true; fi
  if [ "${FORK_CHECK_KEEP:-0}" = 1 ]; then echo "fork-check: copy kept in $COPY"; else rm -rf "$COPY"; fi
}
trap cleanup EXIT

echo "fork-check: copying the repository to $COPY"
# What a fork starts from: the tracked files and the untracked ones git does not ignore (no target/, no .local/).
git ls-files -z --cached --others --exclude-standard | xargs -0 -I{} sh -c '[ -e "$1" ] && printf "%s\0" "$1" || true' _ {} \
  | tar --null -T - -cf - | tar -xf - -C "$COPY"

echo "fork-check: running the fork steps of docs/forking.md with NEW_PACKAGE=$NEW_PACKAGE"
steps=$(sed -n '/<!-- fork-steps/,/<!-- \/fork-steps/p' docs/forking.md | sed -n '/^```bash$/,/^```$/p' | sed '1d;$d')
[ -n "$steps" ] || fail "no fork-steps block found in docs/forking.md"
steps=$(printf '%s\n' "$steps" | sed "s/^NEW_PACKAGE=.*/NEW_PACKAGE=$NEW_PACKAGE/")
(cd "$COPY" && bash -euo pipefail -c "$steps") || fail "the fork steps failed"

left=$(cd "$COPY" && grep -rl --exclude-dir=.git --exclude='*.md' 'com\.acme\.platform' . || true)
[ -z "$left" ] || fail "still naming com.acme.platform after the fork steps: $left"
[ -z "$(cd "$COPY" && find . -path '*/src/*/java/com/acme' -print -quit)" ] || fail "old source directories left"
new_path=$(printf '%s' "$NEW_PACKAGE" | tr . /)
[ -f "$COPY/order-service/src/main/java/$new_path/orderservice/OrderServiceApplication.java" ] \
  || fail "sources not moved to $new_path"

cd "$COPY"
echo "fork-check: building the fork (no tests)"
./mvnw -B -ntp -q -DskipTests package >"$COPY/build.log" 2>&1 || { tail -40 "$COPY/build.log"; fail "the fork does not build"; }

echo "fork-check: ./local.sh up on PLATFORM_PORT_OFFSET=$PLATFORM_PORT_OFFSET"
./local.sh up || { tail -30 .local/logs/*.log 2>/dev/null || true; fail "./local.sh up failed in the fork"; }
gateway=http://localhost:$((8080 + PLATFORM_PORT_OFFSET))
body=$(curl -sS --max-time 10 "$gateway/api/products?limit=2") || fail "the fork's gateway is unreachable"
echo "$body" | grep -q '"items"' || fail "the fork's gateway did not answer a product page: $body"
./local.sh down >/dev/null
echo "fork-check: OK (the fork in $NEW_PACKAGE builds, comes up and answers through its gateway)"
