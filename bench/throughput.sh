#!/usr/bin/env bash
# Cached-query throughput and latency against this stack's own limit: the same service answering POST /bench/plain
# (reads the body, answers the same bytes the GraphQL query answers, no GraphQL, no cache). With wrk at 32 and 128
# connections, DURATION seconds each (default 15, after WARMUP seconds of each endpoint, default 15: on a shared 2-core
# machine the JIT is still compiling the larger GraphQL path after 5 s), GraphQL and plain measured side by side in one
# service run per mode, alternating in ROUNDS rounds (default 3) so that a change in the machine's load hits both; prints
# requests/s (mean of the rounds), p50 and p99 (means of the rounds' percentiles), the service's CPU time per request
# (user + system of its process during the run, over the requests answered) and the ratios GraphQL / plain.
# Modes (MODES, default all five):
#   reuse    the same request again and again, answer reuse on (the default configuration)
#   repeat   the same request again and again, answer reuse off: every request is parsed, executed and serialised
#   rotate   the variables rotate over 100 sets, all in the data cache (warmed first), answer reuse off: what every
#            query that is not an exact repeat costs (a dashboard with its own date range, a subscription tick)
#   profile  like rotate, with profile lookups (nested lists: platforms, eventSummary) over 100 warmed identities
#   campaigns like rotate, with campaign lists (with each campaign's batched report) over 100 warmed date ranges
# Every answer comes from the data cache: the script checks that the measured runs made no upstream call. Loopback only.
# BASELINE=<quarkus-run.jar of another build> (e.g. main's) runs that build too, on PORT+1, started and warmed alike and
# measured in the same rounds (this build, the baseline, plain, in turn), so that two builds compare side by side in
# one run; its rows are "baseline" and its ratios "base/plain".
# Usage: bench/throughput.sh   (MODES="reuse repeat rotate profile campaigns", DURATION=s, WARMUP=s, ROUNDS=n, CONNECTIONS="32 128",
#                               THREADS=2, PORT=18089, REBUILD=1, BASELINE=jar)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
bench_need wrk curl python3
duration=${DURATION:-15}
warmup=${WARMUP:-15}
rounds=${ROUNDS:-3}
threads=${THREADS:-2}
sets=100
baseline=${BASELINE:-}
baseline_pid=
bench_build
work=$(mktemp -d)
trap 'bench_stop; rm -rf "$work"' EXIT

# on_baseline <command> [args...]: runs a lib.sh command (bench_start, bench_stop, gql, upstream_total) against the
# BASELINE build, on PORT+1 with its own log
on_baseline() {
  local app=$bench_app port=$bench_port base=$bench_base log=$bench_log pid=$bench_pid
  bench_app=$baseline bench_port=$((port + 1)) bench_base=http://127.0.0.1:$((port + 1))
  bench_log=$bench_root/target-bench/baseline.log bench_pid=$baseline_pid
  "$@"
  baseline_pid=$bench_pid
  bench_app=$app bench_port=$port bench_base=$base bench_log=$log bench_pid=$pid
}

# baseline_check <answer>: the baseline runs its own sandbox, started seconds apart: its data may differ (times of
# profiles' events), its answers must still be data without errors
baseline_check() {
  [[ $1 == '{"data":{'* && $1 != *'"errors"'* ]] || { echo "unexpected baseline answer: $1" >&2; exit 1; }
}

stop_all() {
  bench_stop
  if [[ -n $baseline ]]; then on_baseline bench_stop; fi
}

# rotate_script <bodies file> <script file>: a wrk script POSTing the bodies (one a line) in turn, each thread on its own
rotate_script() {
  cat > "$2" <<LUA
local requests = {}
-- wrk sets the Host header before it calls init
init = function(args)
  for body in io.lines("$1") do
    local headers = {}
    for name, value in pairs(wrk.headers) do
      headers[name] = value
    end
    headers["Content-Type"] = "application/json"
    headers["X-API-Key"] = "$bench_key"
    requests[#requests + 1] = wrk.format("POST", nil, headers, body)
  end
end
local i = 0
request = function()
  i = i % #requests + 1
  return requests[i]
end
LUA
}

# set_query <mode> <i>: the i-th (0-based) of the 100 rotating request bodies of a rotating mode
set_query() {
  case $1 in
    rotate) settled_count_query 'App Launched' "$2" ;;
    profile) profile_query "$(($2 + 1))" ;;
    campaigns) campaigns_query "$2" ;;
  esac
}

# cpu_ticks <pid>: the CPU time (user + system, in clock ticks) the process used so far
cpu_ticks() {
  awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$1/stat"
}

# run <path> <connections> <seconds> <script> [base url]: "requests/s p50_ms p99_ms errors cpu_us_per_request", the
# last the CPU time the answering service (this build, or the baseline when a base url is given) used per request
run() {
  local pid=$bench_pid before
  [[ -z ${5:-} ]] || pid=$baseline_pid
  before=$(cpu_ticks "$pid")
  wrk -t"$threads" -c"$2" -d"$3"s --latency -s "$4" "${5:-$bench_base}$1" > "$work/run.txt"
  awk -v ticks=$(($(cpu_ticks "$pid") - before)) -v hz="$(getconf CLK_TCK)" '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    $1 == "50%" { p50 = ms($2) } $1 == "99%" { p99 = ms($2) } $1 == "Requests/sec:" { rps = $2 }
    $2 == "requests" && $3 == "in" { requests = $1 }
    /Non-2xx|Socket errors/ { errors = errors $0 " " }
    END { printf "%s %.3f %.3f %s %.2f\n", rps, p50, p99, (errors == "" ? "-" : "errors"), ticks * 1e6 / hz / requests }' \
    "$work/run.txt"
}

# rounds <connections>: "graphql_rps p50 p99 errors cpu plain_rps p50 p99 errors cpu [baseline_rps p50 p99 errors cpu]",
# each the mean of ROUNDS alternating runs
rounds() {
  local seconds=$(((duration + rounds - 1) / rounds)) r
  for ((r = 0; r < rounds; r++)); do
    echo "g $(run /graphql "$1" "$seconds" "$work/post.lua")"
    if [[ -n $baseline ]]; then
      echo "b $(run /graphql "$1" "$seconds" "$work/post.lua" "http://127.0.0.1:$((bench_port + 1))")"
    fi
    echo "p $(run /bench/plain "$1" "$seconds" "$work/post.lua")"
  done | awk '{ n[$1]++; rps[$1] += $2; p50[$1] += $3; p99[$1] += $4; if ($5 != "-") err[$1] = "errors"; cpu[$1] += $6 }
    END { split("g p b", order, " "); for (k = 1; k <= 3; k++) { e = order[k]; if (!n[e]) continue
      printf "%.0f %.3f %.3f %s %.2f ", rps[e] / n[e], p50[e] / n[e], p99[e] / n[e], (err[e] == "" ? "-" : "errors"),
        cpu[e] / n[e] }
      printf "\n" }'
}

results=()
echo_machine
for mode in ${MODES:-reuse repeat rotate profile campaigns}; do
  case $mode in
    reuse) bench_start ;;
    repeat | rotate) bench_start -Dclevertap-graphql.endpoint.answers.reuse=false ;;
    # profiles are cached for a minute by default: longer here, so that the measured runs stay on the data cache
    profile | campaigns) bench_start -Dclevertap-graphql.endpoint.answers.reuse=false \
      -Dclevertap.cache.profiles.ttl=10m -Dclevertap.cache.campaigns.live-ttl=10m \
      -Dclevertap.cache.campaign-reports.live-ttl=10m ;;
    *) echo "unknown mode $mode (reuse, repeat, rotate, profile, campaigns)" >&2; exit 1 ;;
  esac
  if [[ -n $baseline ]]; then
    case $mode in
      reuse) on_baseline bench_start ;;
      repeat | rotate) on_baseline bench_start -Dclevertap-graphql.endpoint.answers.reuse=false ;;
      profile | campaigns) on_baseline bench_start -Dclevertap-graphql.endpoint.answers.reuse=false \
        -Dclevertap.cache.profiles.ttl=10m -Dclevertap.cache.campaigns.live-ttl=10m \
        -Dclevertap.cache.campaign-reports.live-ttl=10m ;;
    esac
  fi
  trap 'stop_all; rm -rf "$work"' EXIT
  case $mode in
    profile | campaigns) set_query "$mode" 0 > "$work/body.json" ;;
    *) settled_count_query > "$work/body.json" ;;
  esac
  answer=$(gql "$(cat "$work/body.json")")
  [[ $answer == '{"data":{'* && $answer != *'"errors"'* ]] || { echo "unexpected GraphQL answer: $answer" >&2; exit 1; }
  if [[ -n $baseline ]]; then
    baseline_check "$(on_baseline gql "$(cat "$work/body.json")")"
  fi
  if [[ $mode != reuse && $mode != repeat ]]; then
    : > "$work/bodies.txt"
    for ((i = 0; i < sets; i++)); do
      body=$(set_query "$mode" "$i")
      warm=$(gql "$body")
      [[ $warm == '{"data":{'* && $warm != *'"errors"'* ]] \
        || { echo "unexpected GraphQL answer to $body: $warm" >&2; exit 1; }
      if [[ -n $baseline ]]; then
        baseline_check "$(on_baseline gql "$body")"
      fi
      echo "$body" >> "$work/bodies.txt"
    done
    rotate_script "$work/bodies.txt" "$work/post.lua"
    echo
    echo "mode $mode: $sets variable sets, e.g. $(sed -n 2p "$work/bodies.txt")"
  else
    wrk_post_script "$work/body.json" "$work/post.lua"
    echo
    echo "mode $mode: $(cat "$work/body.json")"
  fi
  printf %s "$answer" | curl -sf -X PUT -H "Content-Type: application/json" --data-binary @- "$bench_base/bench/plain"
  [[ $(curl -s -X POST -H "Content-Type: application/json" --data-binary @"$work/body.json" "$bench_base/bench/plain") \
    == "$answer" ]] \
    || { echo "the plain endpoint does not answer the same bytes" >&2; exit 1; }
  echo "answer ($(printf %s "$answer" | wc -c) bytes): ${answer:0:300}"
  run /graphql 32 "$warmup" "$work/post.lua" > /dev/null
  if [[ -n $baseline ]]; then
    run /graphql 32 "$warmup" "$work/post.lua" "http://127.0.0.1:$((bench_port + 1))" > /dev/null
    on_baseline upstream_total > "$work/baseline-calls"
  fi
  run /bench/plain 32 "$warmup" "$work/post.lua" > /dev/null
  calls_before=$(upstream_total)
  printf '%-9s %-6s %-9s %12s %9s %9s %7s %11s\n' mode conns endpoint 'requests/s' 'p50 ms' 'p99 ms' errors 'cpu us/req'
  for c in ${CONNECTIONS:-32 128}; do
    read -r g_rps g_p50 g_p99 g_err g_cpu p_rps p_p50 p_p99 p_err p_cpu b_rps b_p50 b_p99 b_err b_cpu <<< "$(rounds "$c")"
    printf '%-9s %-6s %-9s %12.0f %9.3f %9.3f %7s %11.2f\n' "$mode" "$c" graphql "$g_rps" "$g_p50" "$g_p99" "$g_err" "$g_cpu"
    if [[ -n $baseline ]]; then
      printf '%-9s %-6s %-9s %12.0f %9.3f %9.3f %7s %11.2f\n' "$mode" "$c" baseline "$b_rps" "$b_p50" "$b_p99" "$b_err" \
        "$b_cpu"
    fi
    printf '%-9s %-6s %-9s %12.0f %9.3f %9.3f %7s %11.2f\n' "$mode" "$c" plain "$p_rps" "$p_p50" "$p_p99" "$p_err" "$p_cpu"
    results+=("$mode $c $g_rps $p_rps $g_p50 $p_p50 $g_p99 $p_p99 $g_cpu $p_cpu ${b_rps:-} ${b_p50:-} ${b_p99:-} ${b_cpu:-}")
  done
  echo "upstream calls during the measured runs: $(($(upstream_total) - calls_before))"
  if [[ -n $baseline ]]; then
    echo "upstream calls of the baseline during the measured runs: $(($(on_baseline upstream_total) - $(cat "$work/baseline-calls")))"
    on_baseline bench_stop
  fi
  bench_stop
done
echo
# cpu plain/gql: the plain endpoint's CPU time per request over the GraphQL one's, the throughput ratio the service's
# own CPU allows (less sensitive to other processes on the machine than throughput)
printf '%-9s %-6s %22s %18s %18s %15s\n' mode conns 'throughput gql/plain' 'p50 gql/plain' 'p99 gql/plain' \
  'cpu plain/gql'
for line in "${results[@]}"; do
  read -r mode c g_rps p_rps g_p50 p_p50 g_p99 p_p99 g_cpu p_cpu b_rps b_p50 b_p99 b_cpu <<< "$line"
  awk -v m="$mode" -v c="$c" -v a="$g_rps" -v b="$p_rps" -v d="$g_p50" -v e="$p_p50" -v f="$g_p99" -v g="$p_p99" \
    -v h="$p_cpu" -v i="$g_cpu" 'BEGIN { printf "%-9s %-6s %22.2f %18.2f %18.2f %15.2f\n", m, c, a / b, d / e, f / g, h / i }'
  if [[ -n $baseline ]]; then
    awk -v m="$mode" -v c="$c" -v a="$b_rps" -v b="$p_rps" -v d="$b_p50" -v e="$p_p50" -v f="$b_p99" -v g="$p_p99" \
      -v h="$p_cpu" -v i="$b_cpu" \
      'BEGIN { printf "%-9s %-6s %22.2f %18.2f %18.2f %15.2f   (baseline: base/plain)\n", m, c, a / b, d / e, f / g, h / i }'
  fi
done
