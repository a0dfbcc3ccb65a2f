#!/usr/bin/env bash
# Where a cached query's time goes: runs the service under a profiler while wrk sends the cached two-field query of
# bench/throughput.sh (32 connections, DURATION seconds, default 20, after a 5 s warm-up), then prints the hottest
# frames (top of stack, and anywhere in the stack for frames of this service and of the libraries it calls).
# The profiler is async-profiler when ASYNC_PROFILER names its libasyncProfiler.so (Maven Central
# tools.profiler:async-profiler:<version>:jar:linux-x64 carries it; the stacks stay in target-bench/cached-query.collapsed,
# itimer sampling every INTERVAL, default 1ms), else Java Flight Recorder (target-bench/cached-query.jfr).
# REUSE=false profiles with answer reuse off (every request executes), as bench/throughput.sh's repeat mode.
# QUERY=profile or QUERY=campaigns profiles a profile lookup or a campaign list (bench/throughput.sh's profile and
# campaigns modes, one set) instead of the count. Loopback only.
# Usage: bench/profile.sh   (DURATION=s, TOP=25, REUSE=true|false, QUERY=count|profile|campaigns, ASYNC_PROFILER=path,
#                            INTERVAL=1ms, PORT=18089, REBUILD=1)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
bench_need wrk curl
duration=${DURATION:-20}
top=${TOP:-25}
bench_build
work=$(mktemp -d)
if [[ -n ${ASYNC_PROFILER:-} ]]; then
  recording=$bench_root/target-bench/cached-query.collapsed
  rm -f "$recording"
  # attached for the measured run only (bench/AttachAgent.java), so start-up and JIT warm-up stay out of the profile
  BENCH_JAVA_OPTS="${BENCH_JAVA_OPTS:-} -XX:+IgnoreUnrecognizedVMOptions -XX:+EnableDynamicAgentLoading"
else
  bench_need jfr
  recording=$bench_root/target-bench/cached-query.jfr
  BENCH_JAVA_OPTS="${BENCH_JAVA_OPTS:-} -XX:StartFlightRecording=filename=$recording,settings=profile,dumponexit=true"
fi
bench_start "-Dclevertap-graphql.endpoint.answers.reuse=${REUSE:-true}" -Dclevertap.cache.profiles.ttl=10m \
  -Dclevertap.cache.campaigns.live-ttl=10m -Dclevertap.cache.campaign-reports.live-ttl=10m
trap 'bench_stop; rm -rf "$work"' EXIT
echo_machine
case ${QUERY:-count} in
  profile) profile_query 1 > "$work/body.json" ;;
  campaigns) campaigns_query 0 > "$work/body.json" ;;
  *) settled_count_query > "$work/body.json" ;;
esac
answer=$(gql "$(cat "$work/body.json")")
url=$bench_base/graphql
if [[ ${TARGET:-graphql} == plain ]]; then
  printf %s "$answer" | curl -sf -X PUT -H "Content-Type: application/json" --data-binary @- "$bench_base/bench/plain"
  url=$bench_base/bench/plain
fi
wrk_post_script "$work/body.json" "$work/post.lua"
wrk -t2 -c32 -d10s -s "$work/post.lua" "$url" > /dev/null
agent() {
  [[ -z ${ASYNC_PROFILER:-} ]] || java "$bench_root/bench/AttachAgent.java" "$bench_pid" "$ASYNC_PROFILER" "$1"
}
agent "start,event=itimer,interval=${INTERVAL:-1ms}"
wrk -t2 -c32 -d"${duration}"s --latency -s "$work/post.lua" "$url" | grep -E 'Requests/sec|50%|99%'
agent "stop,collapsed,file=$recording"
bench_stop
if [[ -n ${ASYNC_PROFILER:-} ]]; then
  # collapsed: "frame;frame;...;leaf count", outermost first
  awk '{ n = $NF; $NF = ""; sub(/ $/, ""); print n "\t" $0 }' "$recording" > "$work/stacks.txt"
else
  jfr print --stack-depth 64 --events jdk.ExecutionSample "$recording" | python3 -c '
import re, sys
stack = None
def flush():
    if stack: print("1\t" + ";".join(reversed(stack)))
for line in sys.stdin:
    if line.startswith("jdk.ExecutionSample"):
        flush(); stack = []
    elif stack is not None and re.match(r"\s+[\w$.<>/]+\(.*\)\s+line:", line):
        stack.append(re.sub(r"\(.*", "", line.strip()))
flush()' > "$work/stacks.txt"
fi
python3 - "$work/stacks.txt" "$top" <<'PY'
import collections, re, sys
top = int(sys.argv[2])
leaf, inclusive, total = collections.Counter(), collections.Counter(), 0
ours = re.compile(r"(dev[./]ctgraphql|io[./]smallrye[./]graphql|graphql[./]|io[./]vertx|io[./]quarkus|com[./]fasterxml|org[./]eclipse[./]yasson|com[./]github[./]benmanes|io[./]micrometer|io[./]opentelemetry|org[./]eclipse[./]parsson|io[./]smallrye[./]context|io[./]smallrye[./]mutiny)")
for line in open(sys.argv[1]):
    count, _, stack = line.rstrip("\n").partition("\t")
    frames = [re.sub(r"_\[[a-z0-9]\]$", "", f) for f in stack.split(";") if f]
    if not frames:
        continue
    n = int(count)
    total += n
    leaf[frames[-1]] += n
    for frame in set(f for f in frames if ours.match(f)):
        inclusive[frame] += n
print(f"\n{total} samples; hottest frames on top of the stack:")
for frame, n in leaf.most_common(top):
    print(f"{100 * n / total:6.1f}%  {frame}")
print("\nframes (service and its libraries) anywhere in the stack:")
for frame, n in inclusive.most_common(top):
    print(f"{100 * n / total:6.1f}%  {frame}")
PY
