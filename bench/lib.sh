# Sourced by the bench/*.sh scripts: builds the packaged jar once (into target-bench/, REBUILD=1 to build again), starts
# it on the sandbox on a fixed loopback port (PORT, default 18089) with the plain yardstick endpoint on, and stops it.
# Requests carry an API key that the service is started with (and anonymous access is allowed too, in case the build
# predates API keys). Loopback only.

bench_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# BENCH_APP=<quarkus-run.jar> runs another build (e.g. main's, for a before/after run of the same script)
bench_app=${BENCH_APP:-$bench_root/target-bench/quarkus-app/quarkus-run.jar}
bench_port=${PORT:-18089}
bench_base=http://127.0.0.1:$bench_port
bench_key=bench-local-only-key
bench_log=$bench_root/target-bench/service.log
bench_pid=

bench_need() {
  for tool in "$@"; do
    command -v "$tool" > /dev/null || { echo "needs $tool (Debian: apt-get install -y $tool)" >&2; exit 1; }
  done
}

# the formatter is skipped: a benchmark must not rewrite sources
bench_build() {
  if [[ -f $bench_app && (-z ${REBUILD:-} || -n ${BENCH_APP:-}) ]]; then
    return
  fi
  mkdir -p "$bench_root/target-bench"
  echo "building target-bench/ (once; REBUILD=1 builds again)" >&2
  (cd "$bench_root" && ./mvnw -B -q package -DskipTests -Dformatter.skip=true -Dimpsort.skip=true \
    -Dbuild.dir="$bench_root/target-bench" > "$bench_root/target-bench/build.log" 2>&1) \
    || { tail -50 "$bench_root/target-bench/build.log"; exit 1; }
}

# bench_start [-Dname=value...]: starts the service and waits until it is ready
bench_start() {
  local hash
  hash=$(printf %s "$bench_key" | sha256sum | cut -d' ' -f1)
  if (exec 3<> "/dev/tcp/127.0.0.1/$bench_port") 2> /dev/null; then
    echo "something already listens on 127.0.0.1:$bench_port; set PORT" >&2
    exit 1
  fi
  # shellcheck disable=SC2086
  java ${BENCH_JAVA_OPTS:-} -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$bench_port" \
    -Dclevertap.sandbox.enabled=true -Dclevertap-graphql.bench.plain-endpoint=true \
    -Dclevertap-graphql.auth.anonymous-roles=viewer,editor,admin \
    "-Dclevertap-graphql.auth.api-keys=bench:viewer|editor|admin:$hash" \
    -Dquarkus.log.console.json.enabled=false "$@" -jar "$bench_app" > "$bench_log" 2>&1 &
  bench_pid=$!
  trap bench_stop EXIT
  local deadline=$((SECONDS + 60))
  until curl -sf -o /dev/null "$bench_base/q/health/ready"; do
    if ! kill -0 "$bench_pid" 2> /dev/null || ((SECONDS > deadline)); then
      echo "the service did not become ready; its output:" >&2
      tail -40 "$bench_log" >&2
      exit 1
    fi
    sleep 0.2
  done
}

bench_stop() {
  if [[ -n $bench_pid ]] && kill -0 "$bench_pid" 2> /dev/null; then
    kill "$bench_pid" 2> /dev/null || true
    wait "$bench_pid" 2> /dev/null || true
  fi
  bench_pid=
}

# gql '<json request body>': the GraphQL answer
gql() {
  curl -s -H 'Content-Type: application/json' -H "X-API-Key: $bench_key" --data "$1" "$bench_base/graphql"
}

# wrk_post_script <body file> <script file>: writes a wrk script that POSTs that JSON body with the bench key
wrk_post_script() {
  cat > "$2" <<LUA
local f = io.open("$1")
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-API-Key"] = "$bench_key"
LUA
}

# upstream_calls 'METHOD /path': requests the sandbox received with that key so far
upstream_calls() {
  curl -s "$bench_base/sandbox/_stats" | python3 -c 'import json, sys; print(json.load(sys.stdin)["requests"].get(sys.argv[1], 0))' "$1"
}

# upstream_total: every request the sandbox received so far
upstream_total() {
  curl -s "$bench_base/sandbox/_stats" | python3 -c 'import json, sys; print(sum(json.load(sys.stdin)["requests"].values()))'
}

faults() {
  curl -s -o /dev/null -X PUT -H 'Content-Type: application/json' --data "$1" "$bench_base/sandbox/_faults"
}

no_faults() {
  curl -s -o /dev/null -X DELETE "$bench_base/sandbox/_faults"
}

rss_mib() {
  awk '$1 == "VmRSS:" { printf "%.1f", $2 / 1024 }' "/proc/$bench_pid/status"
}

# a settled two-field count (cached for an hour): days 30 (plus an optional offset) to 20 before today
settled_count_query() {
  local event=${1:-App Launched} from to
  from=$(date -u -d "$((30 + ${2:-0})) days ago" +%F)
  to=$(date -u -d '20 days ago' +%F)
  printf '{"query":"query($q: EventQuery!) { eventCount(query: $q) { status value } }","variables":{"q":{"eventName":"%s","range":{"from":"%s","to":"%s"}}}}' \
    "$event" "$from" "$to"
}

# profile_query <n>: a profile lookup of the seeded user n (1-based) with its nested lists
profile_query() {
  printf '{"query":"query($id: String) { profile(identity: $id) { identity email name platforms { platform osVersion } eventSummary { eventName count lastSeen } } }","variables":{"id":"user-%04d"}}' \
    "$1"
}

# campaigns_query <n>: the API campaigns whose start lies in a range that ends n days after today's 30 days ahead
campaigns_query() {
  local from to
  from=$(date -u -d '90 days ago' +%F)
  to=$(date -u -d "$((30 + $1)) days" +%F)
  printf '{"query":"query($r: DateRange!) { campaigns(range: $r) { id name status channel scheduledAt report { ready sent viewed clicked } } }","variables":{"r":{"from":"%s","to":"%s"}}}' \
    "$from" "$to"
}

echo_machine() {
  echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(java -version 2>&1 | head -1)"
}
