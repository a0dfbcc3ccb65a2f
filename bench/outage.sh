#!/usr/bin/env bash
# What clients see while CleverTap is slow and then down, and how fast: a cached query (real-time count, cache TTL 2s)
# and uncached queries (a count over a range not asked before), N each (default 30) one after another, in four
# phases: normal; 200 ms added to every sandbox answer; every sandbox answer a 503; faults removed again. Prints p50,
# p99 and what the answers were (ok, stale with a warning in extensions, or the error code), and how long the
# service took to answer normally again. Loopback only.
# Usage: bench/outage.sh   (N=30, PORT=18089, REBUILD=1)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
bench_need curl python3
n=${N:-30}
bench_build
bench_start -Dclevertap.cache.realtime.ttl=2s
echo_machine
work=$(mktemp -d)
trap 'bench_stop; rm -rf "$work"' EXIT
cached='{"query":"{ realtimeUserCount { total } }"}'
fresh=0

# sets $uncached to a count over a range never asked before (so never cached): one day, then two, ... back from today
next_uncached() {
  local from to
  fresh=$((fresh + 1))
  from=$(date -u -d "$((fresh + 1)) days ago" +%F)
  to=$(date -u +%F)
  printf -v uncached '{"query":"{ eventCount(query: {eventName: \\"App Launched\\", range: {from: \\"%s\\", to: \\"%s\\"}}) { status value } }"}' "$from" "$to"
}

# one request: "<ms> <outcome>"
timed() {
  curl -s -o "$work/answer" -w '%{time_total}' -H 'Content-Type: application/json' -H "X-API-Key: $bench_key" \
    --data "$1" "$bench_base/graphql" > "$work/time"
  python3 - "$work/answer" "$(cat "$work/time")" <<'PY'
import json, sys
answer = json.load(open(sys.argv[1]))
ms = float(sys.argv[2]) * 1000
if answer.get("errors"):
    outcome = answer["errors"][0].get("extensions", {}).get("code", "error")
elif any(k in answer.get("extensions", {}) for k in ("stale", "warnings")):
    outcome = "stale+warning"
else:
    outcome = "ok"
print(f"{ms:.1f} {outcome}")
PY
}

# measure <phase> <label> <kind>: N requests, prints one table row
measure() {
  : > "$work/rows"
  for _ in $(seq 1 "$n"); do
    if [[ $3 == cached ]]; then timed "$cached"; else next_uncached && timed "$uncached"; fi >> "$work/rows"
  done
  python3 - "$1" "$2" "$work/rows" <<'PY'
import collections, sys
rows = [line.split() for line in open(sys.argv[3])]
ms = sorted(float(r[0]) for r in rows)
pick = lambda q: ms[min(len(ms) - 1, int(q * len(ms)))]
outcomes = collections.Counter(r[1] for r in rows)
print(f"{sys.argv[1]:<22} {sys.argv[2]:<10} {pick(0.5):9.1f} {pick(0.99):9.1f}  " + ", ".join(f"{k} x{v}" for k, v in outcomes.items()))
PY
}

gql "$cached" > /dev/null
printf '\n%-22s %-10s %9s %9s  %s\n' phase query 'p50 ms' 'p99 ms' answers
measure normal cached cached
measure normal uncached uncached
faults '{"latencyMillis":200}'
measure 'upstream +200 ms' cached cached
measure 'upstream +200 ms' uncached uncached
no_faults
gql "$cached" > /dev/null
faults '{"failNext":100000000,"failStatus":503}'
next_uncached
first=$(timed "$uncached")
printf '%-22s %-10s %9s %9s  %s\n' 'upstream 503' 'first' "${first% *}" '' "${first#* } (retries, then the circuit opens)"
sleep 4.5 # the cached entry is now past its freshness and its stale-while-revalidate window
measure 'upstream 503' cached cached
measure 'upstream 503' uncached uncached
no_faults
start=$(date +%s%N)
next_uncached
until [[ $(timed "$uncached") == *' ok' ]]; do sleep 0.1; done
recovered=$((($(date +%s%N) - start) / 1000000))
measure 'recovered' cached cached
measure 'recovered' uncached uncached
echo
echo "answering normally again ${recovered} ms after CleverTap came back (circuit: one probe after clevertap.resilience.circuit.open-for)"
echo "one answer served stale during the outage:"
curl -s -H 'Content-Type: application/json' -H "X-API-Key: $bench_key" --data "$cached" "$bench_base/graphql" > /dev/null
faults '{"failNext":100000000,"failStatus":503}'
sleep 4.5
gql "$cached"
echo
no_faults
