#!/usr/bin/env bash
# Upload throughput and cost, the baseline build (BASELINE, a git ref, default main) and this tree side by side in one
# run. For each build: a sandbox process and a service process of that jar, the service pointed at the sandbox with
# clevertap.base-url so only the service's own work is in its CPU time. bench/upload_driver.py then measures
#   - 50,000 events through uploadEvents with no added latency: the service's CPU per event (/proc/<pid>/stat);
#   - the same at +200 ms sandbox latency: time as a ratio to the ideal (upload requests / 15 x 200 ms);
#   - where the build serves it, 200,000 events through POST /ingest/events (NDJSON): CPU per event, then at +200 ms the
#     ratio to the ideal, what the sandbox stored (export API: count and distinct seq) and the service's RSS.
# Loopback only. Usage: bench/upload.sh   (BASELINE=<ref>, REBUILD=1, ONLY=baseline|current, ROUNDS=n, BENCH_JAVA_OPTS, SANDBOX_JAVA_OPTS, GRAPHQL_EVENTS, INGEST_EVENTS, LATENCY_MS)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
bench_need python3 curl git
baseline=${BASELINE:-main}
baseline_dir=$bench_root/target-bench/baseline
baseline_app=$baseline_dir/quarkus-app/quarkus-run.jar

bench_build
if [[ ! -f $baseline_app || -n ${REBUILD:-} ]]; then
  echo "building $baseline into target-bench/baseline/ (once; REBUILD=1 builds again)" >&2
  rm -rf "$baseline_dir" && mkdir -p "$baseline_dir/src"
  git -C "$bench_root" archive "$baseline" | tar -x -C "$baseline_dir/src"
  (cd "$baseline_dir/src" && ./mvnw -B -q package -DskipTests -Dformatter.skip=true -Dimpsort.skip=true \
    -Dbuild.dir="$baseline_dir" > "$baseline_dir/build.log" 2>&1) || { tail -50 "$baseline_dir/build.log"; exit 1; }
fi

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

pids=()
stop_all() {
  for pid in "${pids[@]}"; do
    kill "$pid" 2> /dev/null || true
    wait "$pid" 2> /dev/null || true
  done
  pids=()
}
trap stop_all EXIT

wait_ready() {
  local port=$1 pid=$2 log=$3 deadline=$((SECONDS + 90))
  until curl -sf -o /dev/null "http://127.0.0.1:$port/q/health/ready"; do
    if ! kill -0 "$pid" 2> /dev/null || ((SECONDS > deadline)); then
      echo "a process did not become ready; its output:" >&2
      tail -40 "$log" >&2
      exit 1
    fi
    sleep 0.3
  done
}

# measure <slug> <label> <jar>
measure() {
  local slug=$1 label=$2 jar=$3 sandbox_port service_port hash log_dir=$bench_root/target-bench
  sandbox_port=$(free_port)
  # shellcheck disable=SC2086
  java ${SANDBOX_JAVA_OPTS:--Xmx1g} -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$sandbox_port" -Dclevertap.sandbox.enabled=true \
    -Dquarkus.log.console.json.enabled=false -jar "$jar" > "$log_dir/sandbox-$slug.log" 2>&1 &
  local sandbox_pid=$!
  pids+=("$sandbox_pid")
  wait_ready "$sandbox_port" "$sandbox_pid" "$log_dir/sandbox-$slug.log"
  service_port=$(free_port)
  hash=$(printf %s "$bench_key" | sha256sum | cut -d' ' -f1)
  # the sandbox's own well-known credentials, from the environment as any credentials are
  # shellcheck disable=SC2086
  CLEVERTAP_ACCOUNT_ID=SANDBOX-RK4-ZZ5-W66Z CLEVERTAP_PASSCODE=sandbox-passcode \
    java ${BENCH_JAVA_OPTS:--Xmx512m} -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$service_port" \
    -Dclevertap.sandbox.enabled=false -Dclevertap.base-url="http://127.0.0.1:$sandbox_port/sandbox" \
    "-Dclevertap-graphql.auth.api-keys=bench:viewer|editor|admin:$hash" \
    -Dquarkus.log.console.json.enabled=false -jar "$jar" > "$log_dir/service-$slug.log" 2>&1 &
  local service_pid=$!
  pids+=("$service_pid")
  wait_ready "$service_port" "$service_pid" "$log_dir/service-$slug.log"
  python3 "$bench_root/bench/upload_driver.py" --label "$label" --port "$service_port" --sandbox-port "$sandbox_port" \
    --pid "$service_pid" --sandbox-pid "$sandbox_pid" --key "$bench_key" --graphql-events "${GRAPHQL_EVENTS:-50000}" \
    --ingest-events "${INGEST_EVENTS:-200000}" --latency-ms "${LATENCY_MS:-200}"
  stop_all
}

echo_machine
echo "command: bench/upload.sh (BASELINE=$baseline $(git -C "$bench_root" rev-parse --short "$baseline"), this tree at $(git -C "$bench_root" rev-parse --short HEAD)$(git -C "$bench_root" diff --quiet || echo '+changes'))"
echo "service and sandbox: separate JVMs of the same jar; CPU is the service process's user+system time"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
if [[ ${ONLY:-} != current ]]; then
  measure baseline "baseline ($baseline)" "$baseline_app"
fi
if [[ ${ONLY:-} != baseline ]]; then
  measure current "this tree" "$bench_app"
fi
# ROUNDS=n: n rounds, baseline and this tree alternating, so that a machine whose load drifts treats both alike
for ((round = 2; round <= ${ROUNDS:-1}; round++)); do
  [[ ${ONLY:-} == current ]] || measure baseline "baseline ($baseline), round $round" "$baseline_app"
  [[ ${ONLY:-} == baseline ]] || measure current "this tree, round $round" "$bench_app"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
