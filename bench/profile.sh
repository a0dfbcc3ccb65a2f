#!/usr/bin/env bash
# Where a cached query's time goes: runs the service with Java Flight Recorder while wrk sends the cached two-field
# query of bench/throughput.sh (32 connections, DURATION seconds, default 20, after a 5 s warm-up), then prints the
# hottest frames (top of stack, and anywhere in the stack for frames of this service and of the libraries it calls).
# The recording stays in target-bench/cached-query.jfr (open it in JDK Mission Control). Loopback only.
# Usage: bench/profile.sh   (DURATION=s, TOP=25, PORT=18089, REBUILD=1)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
bench_need wrk curl jfr
duration=${DURATION:-20}
top=${TOP:-25}
recording=$bench_root/target-bench/cached-query.jfr
bench_build
work=$(mktemp -d)
trap 'bench_stop; rm -rf "$work"' EXIT
BENCH_JAVA_OPTS="${BENCH_JAVA_OPTS:-} -XX:StartFlightRecording=filename=$recording,settings=profile,dumponexit=true"
bench_start
echo_machine
settled_count_query > "$work/body.json"
gql "$(cat "$work/body.json")" > /dev/null
wrk_post_script "$work/body.json" "$work/post.lua"
wrk -t2 -c32 -d5s -s "$work/post.lua" "$bench_base/graphql" > /dev/null
wrk -t2 -c32 -d"${duration}"s --latency -s "$work/post.lua" "$bench_base/graphql" | grep -E 'Requests/sec|50%|99%'
bench_stop
jfr print --stack-depth 64 --events jdk.ExecutionSample "$recording" > "$work/samples.txt"
python3 - "$work/samples.txt" "$top" <<'PY'
import collections, re, sys
stacks, current = [], None
for line in open(sys.argv[1]):
    if line.startswith("jdk.ExecutionSample"):
        current = []
        stacks.append(current)
    elif current is not None and re.match(r"\s+[\w$.<>/]+\(.*\)\s+line:", line):
        current.append(re.sub(r"\s+line:.*", "", line.strip()))
top = int(sys.argv[2])
total = len(stacks)
leaf = collections.Counter(s[0] for s in stacks if s)
print(f"\n{total} samples; hottest frames on top of the stack:")
for frame, n in leaf.most_common(top):
    print(f"{100 * n / total:6.1f}%  {frame}")
inclusive = collections.Counter()
for s in stacks:
    for frame in set(f for f in s if re.match(r"(dev\.ctgraphql|io\.smallrye\.graphql|graphql\.|io\.vertx|io\.quarkus|com\.fasterxml|com\.github\.benmanes|io\.micrometer|io\.opentelemetry)", f)):
        inclusive[frame] += 1
print(f"\nframes (service and its libraries) anywhere in the stack:")
for frame, n in inclusive.most_common(top):
    print(f"{100 * n / total:6.1f}%  {frame}")
PY
