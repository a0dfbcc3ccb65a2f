#!/usr/bin/env bash
# Start-up cost of one packaged service: starts it on the sandbox on a free loopback port, then reports the time from
# launch to the first 200 of /q/health/ready and to the first GraphQL answer, and its memory (VmRSS right after that
# answer, VmHWM peak) from /proc, polling every ~10 ms. Loopback only. Works for the native binary and the JVM jar alike:
#   bench/native-start.sh target/clevertap-graphql-0.1.0-SNAPSHOT-runner
#   bench/native-start.sh java -jar target/quarkus-app/quarkus-run.jar
#   (cd target/quarkus-app && ../../bench/native-start.sh java -XX:AOTCache=app.aot -jar quarkus-run.jar)
# Prints a Markdown table (fit for $GITHUB_STEP_SUMMARY); BENCH_FORMAT=tsv prints one line instead:
# ready_ms first_answer_ms rss_kib hwm_kib. BENCH_TIMEOUT_S (default 60) bounds the wait.
set -euo pipefail

if [[ $# -eq 0 ]]; then
  echo "usage: $0 <binary> | <command and arguments>" >&2
  exit 2
fi
format=${BENCH_FORMAT:-markdown}
timeout_ns=$(( ${BENCH_TIMEOUT_S:-60} * 1000000000 ))
query='{"query":"{ realtimeUserCount { total } }"}'

# a port nothing answers on (connect refused); the service binds it a moment later
port=
for _ in $(seq 1 50); do
  candidate=$(( 20000 + RANDOM % 40000 ))
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then
    port=$candidate
    break
  fi
done
[[ -n $port ]] || { echo "no free loopback port found" >&2; exit 1; }

log=$(mktemp)
pid=
cleanup() {
  if [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  rm -f "$log"
}
trap cleanup EXIT

kib() { awk -v key="$1:" '$1 == key { print $2 }' "/proc/$pid/status"; }

start=$(date +%s%N)
CLEVERTAP_SANDBOX_ENABLED=true QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT=$port "$@" > "$log" 2>&1 &
pid=$!

# fails when the service died or took too long; otherwise waits ~10 ms before the next attempt
check() {
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "the service exited before answering; its output:" >&2
    cat "$log" >&2
    exit 1
  fi
  if (( $(date +%s%N) - start > timeout_ns )); then
    echo "no answer within ${BENCH_TIMEOUT_S:-60} s; the service's output:" >&2
    cat "$log" >&2
    exit 1
  fi
  sleep 0.01
}
elapsed_ms() { echo $(( ($(date +%s%N) - start) / 1000000 )); }

# up and ready (the server answers nothing before that), then the first query through GraphQL, the REST client and
# the sandbox
until [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:$port/q/health/ready" || true) == 200 ]]; do
  check
done
ready_ms=$(elapsed_ms)
while :; do
  body=$(curl -s --max-time 5 -H 'Content-Type: application/json' -d "$query" "http://127.0.0.1:$port/graphql" || true)
  if [[ $body == *'"total":'* && $body != *'"errors"'* ]]; then
    break
  fi
  check
done
first_ms=$(elapsed_ms)
rss=$(kib VmRSS)
hwm=$(kib VmHWM)

if [[ $format == tsv ]]; then
  printf '%s\t%s\t%s\t%s\n' "$ready_ms" "$first_ms" "$rss" "$hwm"
  exit 0
fi
size="-"
if [[ $# -eq 1 && -f $1 ]]; then
  size="$(( $(stat -c %s "$1") / 1024 / 1024 )) MiB"
fi
cat <<EOF
| Measure | Value |
|---|---|
| Command | \`$*\` |
| File size | $size |
| First 200 from /q/health/ready | $ready_ms ms |
| First GraphQL answer (\`realtimeUserCount\`) | $first_ms ms |
| RSS right after that answer (VmRSS) | $(( rss / 1024 )) MiB |
| Peak RSS (VmHWM) | $(( hwm / 1024 )) MiB |
EOF
