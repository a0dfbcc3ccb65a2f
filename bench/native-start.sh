#!/usr/bin/env bash
# Start-up cost of one packaged service: starts it on a free loopback port, then reports the time from launch to the
# first 200 of /q/health/ready and to the first GraphQL answer, and its memory (VmRSS right after that answer, VmHWM
# peak) from /proc, polling every ~5 ms. Loopback only. The polling forks nothing (bash's own /dev/tcp, clock and a
# timed read stand in for curl, date and sleep): the service starts CPU-bound, and a probe that spawned three processes
# every 10 ms took ~0.4 s of CPU from the start it measured on 2 cores, ~0.2 s of its first answer (bench/probe-cost.sh,
# bench/results/startup-probe-session7-lead-2026-11-30.txt). Works for the native binary and the JVM jar alike:
#   bench/native-start.sh target/clevertap-graphql-0.1.0-SNAPSHOT-runner
#   bench/native-start.sh java -jar target/quarkus-app/quarkus-run.jar
#   (cd target/quarkus-app && ../../bench/native-start.sh java -XX:AOTCache=app.aot -jar quarkus-run.jar)
# The service runs as in production: it requires an API key (it is started with the SHA-256 of one, which every request
# sends) and, by default (BENCH_UPSTREAM=none), calls no CleverTap: fake credentials and a base URL on a loopback port
# nothing listens on, and the first answer is { __typename }, which needs no CleverTap call. BENCH_UPSTREAM=sandbox
# starts it on the embedded sandbox instead and asks { realtimeUserCount { total } } (through the REST client).
# Also the CPU time the process used up to the first answer (user + system, all its threads), which other load on the
# machine inflates much less than the wall-clock times.
# Prints a Markdown table (fit for $GITHUB_STEP_SUMMARY); BENCH_FORMAT=tsv prints one line instead:
# ready_ms first_answer_ms rss_kib hwm_kib cpu_ms. BENCH_TIMEOUT_S (default 60) bounds the wait.
set -euo pipefail

if [[ $# -eq 0 ]]; then
  echo "usage: $0 <binary> | <command and arguments>" >&2
  exit 2
fi
format=${BENCH_FORMAT:-markdown}
upstream=${BENCH_UPSTREAM:-none}
timeout_ns=$(( ${BENCH_TIMEOUT_S:-60} * 1000000000 ))
key=bench-start-local-only-key
hash=$(printf %s "$key" | sha256sum | cut -d' ' -f1)

# ports nothing answers on (connect refused); the service binds the first a moment later, the second stays closed
free_port() {
  local candidate
  for _ in $(seq 1 50); do
    candidate=$(( 20000 + RANDOM % 40000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then
      echo "$candidate"
      return
    fi
  done
  echo "no free loopback port found" >&2
  exit 1
}
port=$(free_port)

case $upstream in
  none)
    query='{"query":"{ __typename }"}'
    expect='"__typename":"Query"'
    closed=$(free_port)
    upstream_env=(CLEVERTAP_SANDBOX_ENABLED=false CLEVERTAP_ACCOUNT_ID=BENCH-000-000-000Z CLEVERTAP_PASSCODE=bench-fake
      "CLEVERTAP_BASE_URL=http://127.0.0.1:$closed")
    ;;
  sandbox)
    query='{"query":"{ realtimeUserCount { total } }"}'
    expect='"total":'
    upstream_env=(CLEVERTAP_SANDBOX_ENABLED=true)
    ;;
  *)
    echo "BENCH_UPSTREAM must be none or sandbox" >&2
    exit 2
    ;;
esac

log=$(mktemp)
nap=$(mktemp -u)
mkfifo "$nap"
# held open for reading and writing, so a timed read on it waits out its timeout: a sleep without a process
exec {nap_fd}<> "$nap"
pid=
cleanup() {
  if [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  rm -f "$log" "$nap"
}
trap cleanup EXIT

kib() { awk -v key="$1:" '$1 == key { print $2 }' "/proc/$pid/status"; }
# utime + stime of the process (fields 14 and 15 of /proc/<pid>/stat, after the parenthesised name) in ms
cpu_ms() {
  awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); print int(($12 + $13) * 1000 / hz) }' "/proc/$pid/stat"
}

start_us=${EPOCHREALTIME/./}
# sets elapsed_ms to the milliseconds since the launch (no subshell: nothing forked while polling)
elapsed() { elapsed_ms=$(( (${EPOCHREALTIME/./} - start_us) / 1000 )); }
env "${upstream_env[@]}" QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT="$port" \
  "CLEVERTAP_GRAPHQL_AUTH_API_KEYS=bench:viewer:$hash" "$@" > "$log" 2>&1 {nap_fd}<&- &
pid=$!

# fails when the service died or took too long; otherwise waits ~5 ms before the next attempt
check() {
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "the service exited before answering; its output:" >&2
    cat "$log" >&2
    exit 1
  fi
  elapsed
  if (( elapsed_ms * 1000000 > timeout_ns )); then
    echo "no answer within ${BENCH_TIMEOUT_S:-60} s; the service's output:" >&2
    cat "$log" >&2
    exit 1
  fi
  read -r -t 0.005 -u "$nap_fd" _ || true
}

# one HTTP/1.1 exchange on a fresh loopback connection (Connection: close, so the answer ends when the server closes);
# sets reply to the whole answer, head and body; fails when nothing listens yet or no answer came within 5 s
reply=
exchange() { # method, path, extra header lines, body
  local fd
  reply=
  { exec {fd}<> "/dev/tcp/127.0.0.1/$port"; } 2>/dev/null || return 1
  printf '%s %s HTTP/1.1\r\nHost: 127.0.0.1:%s\r\nConnection: close\r\n%sContent-Length: %s\r\n\r\n%s' \
    "$1" "$2" "$port" "$3" "${#4}" "$4" >&"$fd" 2>/dev/null || { exec {fd}>&-; return 1; }
  IFS= read -r -d '' -t 5 -u "$fd" reply || true
  exec {fd}>&-
  [[ -n $reply ]]
}

# up and ready (the server answers nothing before that), then the first GraphQL answer
until exchange GET /q/health/ready '' '' && [[ ${reply:9:3} == 200 ]]; do
  check
done
elapsed
ready_ms=$elapsed_ms
while :; do
  if exchange POST /graphql $'Content-Type: application/json\r\nX-API-Key: '"$key"$'\r\n' "$query"; then
    body=${reply#*$'\r\n\r\n'}
    if [[ ${reply:9:3} == 200 && $body == *"$expect"* && $body != *'"errors"'* ]]; then
      break
    fi
  fi
  check
done
elapsed
first_ms=$elapsed_ms
rss=$(kib VmRSS)
hwm=$(kib VmHWM)
cpu=$(cpu_ms)

if [[ $format == tsv ]]; then
  printf '%s\t%s\t%s\t%s\t%s\n' "$ready_ms" "$first_ms" "$rss" "$hwm" "$cpu"
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
| Upstream | $upstream |
| File size | $size |
| First 200 from /q/health/ready | $ready_ms ms |
| First GraphQL answer (\`$query\`) | $first_ms ms |
| CPU time used up to that answer | $cpu ms |
| RSS right after that answer (VmRSS) | $(( rss / 1024 )) MiB |
| Peak RSS (VmHWM) | $(( hwm / 1024 )) MiB |
EOF
