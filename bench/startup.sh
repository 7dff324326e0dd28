#!/usr/bin/env bash
# Benchmark: cold start of the whole local stack (build excluded) and the resident memory of every JVM.
# Usage: bench/startup.sh      (stops a running stack first; prints a Markdown table)
set -euo pipefail
cd "$(dirname "$0")/.."

./local.sh down >/dev/null 2>&1 || true
./local.sh up >/dev/null            # builds first if needed; the timing below excludes the build
recorded=""
if ls .local/run/*.aot-recording >/dev/null 2>&1; then
  # The first start of a build records the JVMs' ahead-of-time caches (local.sh, LOCAL_AOT_CACHE); every later start
  # uses them. Report both, and measure the memory of the usual case.
  recorded=$(cat .local/run/startup-seconds)
  ./local.sh down >/dev/null
  ./local.sh up >/dev/null
fi
seconds=$(cat .local/run/startup-seconds)
# Let the JVMs settle after start-up before reading RSS.
sleep 5

rss_mib() { awk '/VmRSS/ {printf "%d", $2/1024}' "/proc/$1/status" 2>/dev/null || echo "?"; }

echo "## Local stack cold start and memory"
echo
# The JDK the services ran on: local.sh picks a JDK 25 the same way.
source bench/lib.sh
find_java || JAVA=java
echo "$(machine_line)"
echo "Measured: $(date -u +%Y-%m-%dT%H:%MZ)"
echo
echo "Cold start (devstack + 5 service JVMs until all healthy, build excluded): **${seconds} s** (goal <= 60 s)," \
  "ahead-of-time cache: ${LOCAL_AOT_CACHE:-on}"
if [ -n "$recorded" ]; then
  echo "First start of this build, recording the ahead-of-time cache: ${recorded} s"
fi
echo "Devstack servers: $(cat .local/run/devstack.ready)"
echo
echo "| process | RSS MiB | goal |"
echo "|---|---:|---|"
for name in product-service-1 product-service-2 order-service worker-service gateway-service; do
  echo "| $name | $(rss_mib "$(cat .local/run/$name.pid)") | <= 384 |"
done
echo "| devstack (supervisor JVM) | $(rss_mib "$(cat .local/run/devstack.pid)") | - |"
while read -r server pid; do
  echo "| $server | $(rss_mib "$pid") | - |"
done < .local/run/devstack-servers.pids
./local.sh down >/dev/null
