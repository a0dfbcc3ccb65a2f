#!/usr/bin/env bash
# Cached-query throughput and latency against this stack's own limit: the same service answering POST /bench/plain
# (reads the body, answers the same bytes the GraphQL query answers, no GraphQL, no cache). With wrk at 32 and 128
# connections, DURATION seconds each (default 15, after a 5 s warm-up), GraphQL and plain measured side by side in one
# run; prints requests/s, p50 and p99 and the ratios GraphQL / plain. Loopback only.
# Usage: bench/throughput.sh   (DURATION=s, CONNECTIONS="32 128", THREADS=2, PORT=18089, REBUILD=1)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
bench_need wrk curl python3
duration=${DURATION:-15}
threads=${THREADS:-2}
bench_build
bench_start
work=$(mktemp -d)
trap 'bench_stop; rm -rf "$work"' EXIT

settled_count_query > "$work/body.json"
answer=$(gql "$(cat "$work/body.json")")
[[ $answer == *'"value"'* ]] || { echo "unexpected GraphQL answer: $answer" >&2; exit 1; }
printf %s "$answer" | curl -sf -X PUT --data-binary @- "$bench_base/bench/plain"
[[ $(curl -s -X POST --data-binary @"$work/body.json" "$bench_base/bench/plain") == "$answer" ]] \
  || { echo "the plain endpoint does not answer the same bytes" >&2; exit 1; }

wrk_post_script "$work/body.json" "$work/post.lua"

# run <path> <connections> <seconds>: "requests/s p50_ms p99_ms errors"
run() {
  wrk -t"$threads" -c"$2" -d"$3"s --latency -s "$work/post.lua" "$bench_base$1" | awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    $1 == "50%" { p50 = ms($2) } $1 == "99%" { p99 = ms($2) } $1 == "Requests/sec:" { rps = $2 }
    /Non-2xx|Socket errors/ { errors = errors $0 " " }
    END { printf "%s %.3f %.3f %s\n", rps, p50, p99, (errors == "" ? "-" : "errors") }'
}

echo_machine
echo "query: $(cat "$work/body.json")"
echo "answer ($(printf %s "$answer" | wc -c) bytes): $answer"
run /graphql 32 5 > /dev/null
run /bench/plain 32 5 > /dev/null
calls_before=$(upstream_calls "POST /1/counts/events.json")
printf '\n%-6s %-9s %12s %9s %9s %7s\n' conns endpoint 'requests/s' 'p50 ms' 'p99 ms' errors
results=()
for c in ${CONNECTIONS:-32 128}; do
  read -r g_rps g_p50 g_p99 g_err <<< "$(run /graphql "$c" "$duration")"
  read -r p_rps p_p50 p_p99 p_err <<< "$(run /bench/plain "$c" "$duration")"
  printf '%-6s %-9s %12.0f %9.3f %9.3f %7s\n' "$c" graphql "$g_rps" "$g_p50" "$g_p99" "$g_err"
  printf '%-6s %-9s %12.0f %9.3f %9.3f %7s\n' "$c" plain "$p_rps" "$p_p50" "$p_p99" "$p_err"
  results+=("$c $g_rps $p_rps $g_p50 $p_p50 $g_p99 $p_p99")
done
echo
printf '%-6s %22s %18s %18s\n' conns 'throughput gql/plain' 'p50 gql/plain' 'p99 gql/plain'
for line in "${results[@]}"; do
  read -r c g_rps p_rps g_p50 p_p50 g_p99 p_p99 <<< "$line"
  awk -v c="$c" -v a="$g_rps" -v b="$p_rps" -v d="$g_p50" -v e="$p_p50" -v f="$g_p99" -v g="$p_p99" \
    'BEGIN { printf "%-6s %22.2f %18.2f %18.2f\n", c, a / b, d / e, f / g }'
done
echo "upstream calls during the measured runs: $(($(upstream_calls "POST /1/counts/events.json") - calls_before))"
