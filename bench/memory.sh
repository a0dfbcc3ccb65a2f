#!/usr/bin/env bash
# Memory under a long mixed load: wrk at 32 connections sends a random mix of cached and uncached reads (real-time
# counts, counts over random ranges, profiles by random identity, event export pages, campaign lists) for DURATION
# seconds (default 600). The service runs as a container would run it: a fixed heap committed at start (-Xms384m
# -Xmx384m -XX:+AlwaysPreTouch; BENCH_JAVA_OPTS to change) and MALLOC_ARENA_MAX=2, so that RSS shows what the service
# holds rather than the JVM growing its heap and malloc arenas in the first minutes. RSS is sampled every minute
# (every DURATION/2 s under 2 minutes); prints RSS after 1 minute and at the end, and their ratio (the end must be
# within 10% of the first minute). Loopback only.
# Usage: bench/memory.sh   (DURATION=s, PORT=18089, REBUILD=1)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
bench_need wrk curl
duration=${DURATION:-600}
first=$((duration < 120 ? duration / 2 : 60))
BENCH_JAVA_OPTS=${BENCH_JAVA_OPTS:--Xms384m -Xmx384m -XX:+AlwaysPreTouch}
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
bench_build
bench_start
echo_machine
echo "java options: $BENCH_JAVA_OPTS; MALLOC_ARENA_MAX=$MALLOC_ARENA_MAX"
work=$(mktemp -d)
trap 'bench_stop; rm -rf "$work"' EXIT
today=$(date -u +%s)

cat > "$work/mixed.lua" <<LUA
math.randomseed(42)
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-API-Key"] = "$bench_key"
local events = { "App Launched", "Charged", "Product Viewed" }
local function day(back) return os.date("!%Y-%m-%d", $today - back * 86400) end
local function range()
  local from = math.random(2, 70)
  return string.format('{"from":"%s","to":"%s"}', day(from), day(from - math.random(0, 1)))
end
local function body(query, variables)
  return string.format('{"query":"%s","variables":%s}', query, variables)
end
request = function()
  local r = math.random(100)
  local b
  if r <= 30 then
    b = '{"query":"{ realtimeUserCount { total } }"}'
  elseif r <= 55 then
    b = body("query(\$q: EventQuery!) { eventCount(query: \$q) { status value } }",
      string.format('{"q":{"eventName":"%s","range":%s}}', events[math.random(#events)], range()))
  elseif r <= 80 then
    b = body("query(\$id: String) { profile(identity: \$id) { identity name email eventSummary { eventName count } } }",
      string.format('{"id":"user-%04d"}', math.random(0, 39999)))
  elseif r <= 95 then
    b = body("query(\$q: EventQuery!) { events(query: \$q, first: 100) { nodes { name occurredAt properties } pageInfo { endCursor } } }",
      string.format('{"q":{"eventName":"%s","range":%s}}', events[math.random(#events)], range()))
  else
    b = body("query(\$r: DateRange!) { campaigns(range: \$r) { id name status report { sent } } }",
      string.format('{"r":%s}', range()))
  end
  return wrk.format(nil, "/graphql", nil, b)
end
LUA

wrk -t2 -c32 -d"${duration}"s --latency -s "$work/mixed.lua" "$bench_base/graphql" > "$work/wrk.txt" &
load=$!
printf '\n%8s %9s\n' seconds 'RSS MiB'
rss_first=
elapsed=0
step=$first
while ((elapsed < duration)); do
  sleep "$step"
  elapsed=$((elapsed + step))
  rss=$(rss_mib)
  [[ -n $rss_first ]] || rss_first=$rss
  printf '%8d %9s\n' "$elapsed" "$rss"
done
wait "$load"
rss_last=$(rss_mib)
echo
awk '$1 == "Requests/sec:" { print "requests/s " $2 } $1 == "50%" || $1 == "99%" { print "latency " $1 " " $2 } /Non-2xx|Socket errors/' "$work/wrk.txt"
awk -v a="$rss_first" -v b="$rss_last" -v f="$first" -v d="$duration" 'BEGIN {
  printf "RSS after %d s: %.1f MiB; after %d s: %.1f MiB; ratio %.3f (within 10%%: %s)\n", f, a, d, b, b / a,
    (b / a <= 1.10 ? "yes" : "NO")
}'
