#!/usr/bin/env bash
# Where an upload's time goes: builds each git ref given (default: main and HEAD) with instrumentation.patch applied
# (log lines with CLOCK_MONOTONIC marks: request arrival, body read, list lifted, each chunk built/posted/answered/read,
# the service's client receiving each answer, and in the sandbox each upload's arrival, start and end of its work and its
# answer), runs a sandbox and a service of that jar side by
# side as bench/upload.sh does, uploads 50,000 events through uploadEvents twice and 200,000 through /ingest/events
# twice at +200 ms, and prints per run: the phases before the first chunk, how many chunks were in flight over time and
# each request's time (post to answer) against the latency, where the critical path starts, how soon a freed slot was
# refilled and how long an answer took from the sandbox to the service's client. A diagnostic only: the figures to quote come from
# bench/upload.sh. Loopback only. Usage: bench/timeline/upload_timeline.sh [ref...]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=$root/target-bench/timeline
refs=("$@")
((${#refs[@]})) || refs=(main HEAD)
fp() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
pids=()
stop_all() { for pid in "${pids[@]}"; do kill "$pid" 2> /dev/null || true; wait "$pid" 2> /dev/null || true; done; pids=(); }
trap stop_all EXIT
ready() { until curl -sf -o /dev/null "http://127.0.0.1:$1/q/health/ready"; do kill -0 "$2" || exit 1; sleep 0.3; done; }
key=bench-local-only-key
hash=$(printf %s "$key" | sha256sum | cut -d' ' -f1)
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
for ref in "${refs[@]}"; do
  dir=$work/$(git -C "$root" rev-parse --short "$ref")
  if [[ ! -f $dir/app/quarkus-app/quarkus-run.jar ]]; then
    rm -rf "$dir" && mkdir -p "$dir/src"
    git -C "$root" archive "$ref" | tar -x -C "$dir/src"
    (cd "$dir/src" && patch -s -p1 < "$here/instrumentation.patch" && ./mvnw -B -q package -DskipTests -Dformatter.skip=true \
      -Dimpsort.skip=true -Dbuild.dir="$dir/app" > "$dir/build.log" 2>&1) || { tail -30 "$dir/build.log"; exit 1; }
  fi
  jar=$dir/app/quarkus-app/quarkus-run.jar
  sp=$(fp)
  java -Xmx1g -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$sp" -Dclevertap.sandbox.enabled=true \
    -Dquarkus.log.console.json.enabled=false -jar "$jar" > "$dir/sandbox.log" 2>&1 &
  pids+=($!)
  ready "$sp" "${pids[-1]}"
  vp=$(fp)
  CLEVERTAP_ACCOUNT_ID=SANDBOX-RK4-ZZ5-W66Z CLEVERTAP_PASSCODE=sandbox-passcode java -Xmx512m \
    -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$vp" -Dclevertap.sandbox.enabled=false \
    -Dclevertap.base-url="http://127.0.0.1:$sp/sandbox" "-Dclevertap-graphql.auth.api-keys=bench:viewer|editor|admin:$hash" \
    -Dquarkus.log.console.json.enabled=false -jar "$jar" > "$dir/service.log" 2>&1 &
  pids+=($!)
  ready "$vp" "${pids[-1]}"
  python3 "$here/drive.py" "$vp" "$sp" "$key" > "$dir/drive.out"
  stop_all
  echo "== $ref ($(git -C "$root" rev-parse --short "$ref"))"
  python3 "$here/analyze.py" "$dir"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
