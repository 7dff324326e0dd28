# Shared by the bench/*.sh scripts (sourced, not run): the JDK to use, the machine line every result table starts
# with, a process's CPU time, and the rate limit the gateway reports for a key, so each table says what was in force.

# The first JDK 25 found: $JAVA_HOME, then the usual install paths. Sets JAVA and exports JAVA_HOME.
find_java() {
  local candidate
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25* /usr/lib/jvm/*-25-* /usr/lib/jvm/java-25*; do
    if [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && "$candidate/bin/java" -version 2>&1 | grep -q 'version "25'; then
      JAVA=$candidate/bin/java
      export JAVA_HOME=$candidate
      return 0
    fi
  done
  echo "no JDK 25 found; set JAVA_HOME" >&2
  return 1
}

# "Machine: 2 cores (CPU model), 24 GiB, Linux x86_64, openjdk version 25..." (needs JAVA).
machine_line() {
  echo "Machine: $(nproc) cores ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sm), $("$JAVA" -version 2>&1 | head -1 | tr -d '"')"
}

# utime + stime of a process, in clock ticks (fields 14 and 15 of /proc/<pid>/stat, after the name).
cpu_ticks() {
  sed 's/^.*) //' "/proc/$1/stat" | awk '{print $12 + $13}'
}

# The 1/5/15-minute load averages.
load_average() { cut -d' ' -f1-3 /proc/loadavg; }

# "<rate> req/s, burst <n>": the per-key limit the gateway reports for a request with that key.
# Usage: rate_limit_in_force <url> <api key>
rate_limit_in_force() {
  curl -s -D - -o /dev/null "$1" -H "X-API-Key: $2" | tr -d '\r' \
    | awk -F': ' 'tolower($1)=="x-ratelimit-replenish-rate"{r=$2} tolower($1)=="x-ratelimit-burst-capacity"{b=$2} END{print r" req/s, burst "b}'
}
