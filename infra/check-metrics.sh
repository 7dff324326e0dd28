#!/usr/bin/env bash
# Every metric that a Grafana dashboard (infra/grafana/dashboards/*.json) or an alert rule
# (infra/prometheus/alerts.yml) queries must be exported by the running services: a dashboard panel on a metric
# nobody exports stays empty without anyone noticing. Run it against a running stack after some traffic (CI runs
# it after the Postman collection):
#   infra/check-metrics.sh                                  # ./local.sh ports (PLATFORM_PORT_OFFSET honoured)
#   infra/check-metrics.sh --compose                        # docker compose: read inside each container, since
#                                                           # compose publishes no service or actuator port
#   METRICS_URLS="http://host:8081/actuator/prometheus ..." infra/check-metrics.sh
# Prints one line per metric (found / MISSING) and exits 1 when one is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

# instance:actuator-port, the same in ./local.sh (plus the offset) and in the compose network
TARGETS="product-service-1:8081 product-service-2:8091 order-service:8082 worker-service:8083 gateway-service:8180"

exposition=$(mktemp)
trap 'rm -f "$exposition"' EXIT
if [ "${1:-}" = --compose ]; then
  for target in $TARGETS; do
    # The runtime image has no curl: an HTTP/1.0 GET over bash's /dev/tcp (as infra/docker/healthcheck.sh does).
    docker compose exec -T "${target%%:*}" bash -c "exec 3<>/dev/tcp/127.0.0.1/${target##*:} \
        && printf 'GET /actuator/prometheus HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3 && cat <&3" \
      | sed '1,/^\r$/d' >>"$exposition" \
      || { echo "check-metrics: cannot read /actuator/prometheus of compose service ${target%%:*}" >&2; exit 1; }
  done
else
  offset=${PLATFORM_PORT_OFFSET:-0}
  if [ -z "${METRICS_URLS:-}" ]; then
    METRICS_URLS=""
    for target in $TARGETS; do
      METRICS_URLS="$METRICS_URLS http://127.0.0.1:$((${target##*:} + offset))/actuator/prometheus"
    done
  fi
  for url in $METRICS_URLS; do
    curl -fsS --max-time 10 "$url" >>"$exposition" || { echo "check-metrics: cannot read $url" >&2; exit 1; }
  done
fi

python3 - "$exposition" infra/grafana/dashboards infra/prometheus/alerts.yml <<'PY'
import json, pathlib, re, sys

exposition, dashboards, alerts = sys.argv[1], pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3])
KEYWORDS = {"and", "or", "unless", "by", "without", "on", "ignoring", "group_left", "group_right", "bool", "offset",
            "inf", "nan"}

def metric_names(expr):
    expr = re.sub(r'"(?:[^"\\]|\\.)*"', '""', expr)                        # label values
    expr = re.sub(r"\{[^}]*\}", "", expr)                                  # label matchers
    expr = re.sub(r"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", "", expr)
    expr = re.sub(r"\[[^\]]*\]", "", expr)                                 # range selectors
    names = set()
    for m in re.finditer(r"[a-zA-Z_:][a-zA-Z0-9_:]*", expr):
        token, rest = m.group(0), expr[m.end():].lstrip()
        if rest.startswith("(") or token.lower() in KEYWORDS or re.fullmatch(r"\d+[smhdwy]?", token):
            continue
        names.add(token)
    return names

used = {}  # metric -> where it is used
for file in sorted(dashboards.glob("*.json")):
    for panel in json.loads(file.read_text()).get("panels", []):
        for target in panel.get("targets", []):
            for name in metric_names(target.get("expr", "")):
                used.setdefault(name, set()).add(f"{file.name}: {panel.get('title')}")
# alerts.yml: only the `expr:` blocks (plain or folded `|` scalars), without a YAML library.
lines, i = alerts.read_text().splitlines(), 0
while i < len(lines):
    m = re.match(r"^(\s*)expr:\s*(.*)$", lines[i])
    if m:
        indent, first = len(m.group(1)), m.group(2)
        body = [] if first.strip() in ("|", ">", "|-", ">-") else [first]
        i += 1
        while i < len(lines) and (not lines[i].strip() or len(lines[i]) - len(lines[i].lstrip()) > indent):
            body.append(lines[i]); i += 1
        for name in metric_names("\n".join(body)):
            used.setdefault(name, set()).add("alerts.yml")
        continue
    i += 1

exported = set()
for line in open(exposition, encoding="utf-8"):
    if line and not line.startswith("#"):
        exported.add(re.split(r"[{\s]", line, 1)[0])

missing = 0
for name in sorted(used):
    ok = name in exported
    missing += not ok
    print(f"{'found  ' if ok else 'MISSING'}  {name:45s} {'; '.join(sorted(used[name]))[:110]}")
print(f"{len(used) - missing} of {len(used)} metrics used by dashboards and alerts are exported")
sys.exit(1 if missing else 0)
PY
