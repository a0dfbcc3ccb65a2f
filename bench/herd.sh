#!/usr/bin/env bash
# Upstream calls made by herds. 1) 100 concurrent identical cold queries (hey -n 100 -c 100) while the sandbox adds
# 200 ms to every answer: CleverTap must be asked once per query, not 100 times. 2) Expiry under load: KEYS real-time
# queries (cache TTL set to TTL, default 2s) under wrk at 64 connections for DURATION seconds (default 20) with 200 ms
# upstream latency: each entry must cost one call per expiry (stale-while-revalidate), not one per waiting client,
# and the latency must not spike when entries expire. Loopback only.
# Usage: bench/herd.sh   (DURATION=s, TTL=2s, PORT=18089, REBUILD=1)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
bench_need hey wrk curl python3
duration=${DURATION:-20}
ttl=${TTL:-2s}
bench_build
bench_start "-Dclevertap.cache.realtime.ttl=$ttl"
work=$(mktemp -d)
trap 'bench_stop; rm -rf "$work"' EXIT
echo_machine
faults '{"latencyMillis":200}'

# cold <name> <body> <upstream key>: one herd of 100, prints "name answers_200 upstream_calls"
cold() {
  local before after ok
  before=$(upstream_calls "$3")
  ok=$(hey -n 100 -c 100 -m POST -T application/json -H "X-API-Key: $bench_key" -d "$2" "$bench_base/graphql" \
    | awk '/\[200\]/ { print $2 }')
  after=$(upstream_calls "$3")
  printf '%-34s %8s %15s\n' "$1" "${ok:-0}" "$((after - before))"
}
echo
echo "1) 100 concurrent identical cold queries, upstream latency 200 ms"
printf '%-34s %8s %15s\n' query 'HTTP 200' 'upstream calls'
cold 'realtimeUserCount (POST /1/now.json)' '{"query":"{ realtimeUserCount(splitBy: [OS]) { total } }"}' 'POST /1/now.json'
cold 'eventCount (POST /1/counts/events.json)' "$(settled_count_query 'Charged')" 'POST /1/counts/events.json'
cold 'profile (GET /1/profile.json)' '{"query":"{ profile(identity: \"herd-nobody\") { name email } }"}' 'GET /1/profile.json'

# 2) expiry under load, one key per dimension
dimensions=(USER_TYPE SESSION_SOURCE BROWSER OS DEVICE)
keys=${#dimensions[@]}
{
  echo 'local bodies = {'
  for d in "${dimensions[@]}"; do
    echo "  '{\"query\":\"{ realtimeUserCount(splitBy: [$d]) { total } }\"}',"
  done
  echo '}'
  echo 'local i = 0'
  echo "wrk.method = 'POST'"
  echo "wrk.headers['Content-Type'] = 'application/json'"
  echo "wrk.headers['X-API-Key'] = '$bench_key'"
  echo 'request = function() i = i % #bodies + 1; return wrk.format(nil, nil, nil, bodies[i]) end'
} > "$work/keys.lua"
# warm every key, then measure from a clean count
for d in "${dimensions[@]}"; do gql "{\"query\":\"{ realtimeUserCount(splitBy: [$d]) { total } }\"}" > /dev/null; done
refreshes() {
  curl -s -H "X-API-Key: $bench_key" "$bench_base/q/metrics" | awk '/^clevertap_cache_refreshes_total\{.*cache="realtime"/ { sub(/ #.*/, ""); print int($NF) }'
}
before=$(upstream_calls 'POST /1/now.json')
refreshes_before=$(refreshes)
wrk -t2 -c64 -d"${duration}"s --latency -s "$work/keys.lua" "$bench_base/graphql" > "$work/wrk.txt"
sleep 1 # refreshes still on their way
calls=$(($(upstream_calls 'POST /1/now.json') - before))
expired=$(($(refreshes) - refreshes_before))
echo
echo "2) expiry under load: $keys keys, TTL $ttl (each shortened by 0-10% per key), 64 connections, ${duration}s, upstream latency 200 ms"
awk '$1 == "Requests/sec:" { print "requests/s " $2 } $1 == "50%" || $1 == "99%" { print "latency " $1 " " $2 } /Non-2xx|Socket errors/' "$work/wrk.txt"
# clevertap.cache.refreshes counts the entries found expired (each refreshed once, whoever asked meanwhile)
awk -v calls="$calls" -v expired="$expired" 'BEGIN {
  printf "entries expired under load %d, upstream calls %d: %.2f calls per expired entry (one each: %s)\n",
    expired, calls, expired ? calls / expired : 0, (calls == expired && expired > 0) ? "yes" : "NO"
  printf "(without stale-while-revalidate and single flight, each connection waiting at an expiry calls: up to 64 each)\n"
}'
