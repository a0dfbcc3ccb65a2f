#!/usr/bin/env bash
# Classes a start loads, before and after, side by side: starts BEFORE_JAR and AFTER_JAR (two packaged quarkus-run.jar)
# RUNS times each (default 5), interleaved, through bench/native-start.sh (production mode, loopback only) with
# -Xlog:class+load, and prints per run the classes loaded until the process was stopped right after its first answer,
# the time to ready and to that answer, and the CPU used; then the medians and the ratio after/before.
# BENCH_UPSTREAM=sandbox (the default here) makes the first answer a CleverTap call on the embedded sandbox, so the
# classes of the call path count too.
# Usage: BEFORE_JAR=... AFTER_JAR=... bench/start-classes.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
runs=${RUNS:-5}
export BENCH_UPSTREAM=${BENCH_UPSTREAM:-sandbox} BENCH_FORMAT=tsv
declare -A jar=([before]=${BEFORE_JAR:?set BEFORE_JAR} [after]=${AFTER_JAR:?set AFTER_JAR})
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); upstream: $BENCH_UPSTREAM"
echo "before: ${jar[before]}"
echo "after:  ${jar[after]}"
java -version 2>&1 | head -1
logs=$(mktemp -d)
results=$logs/results
trap 'rm -rf "$logs"' EXIT
printf '%-4s %-6s %8s %9s %16s %7s\n' run side classes ready_ms first_answer_ms cpu_ms
for i in $(seq 1 "$runs"); do
  for side in before after; do
    line=$(cd "$(dirname "${jar[$side]}")" && "$root/bench/native-start.sh" java \
      "-Xlog:class+load:file=$logs/$side-$i.log" -jar quarkus-run.jar)
    read -r ready first _ _ cpu <<< "$line"
    classes=$(grep -c 'source:' "$logs/$side-$i.log")
    printf '%s %s %s %s %s\n' "$side" "$classes" "$ready" "$first" "$cpu" >> "$results"
    printf '%-4s %-6s %8s %9s %16s %7s\n' "$i" "$side" "$classes" "$ready" "$first" "$cpu"
  done
done
median() { # side, column (2 classes, 3 ready, 4 first answer, 5 cpu)
  awk -v s="$1" -v c="$2" '$1 == s { print $c }' "$results" | sort -n \
    | awk '{ x[NR] = $1 } END { print (NR % 2) ? x[(NR + 1) / 2] : (x[NR / 2] + x[NR / 2 + 1]) / 2 }'
}
echo
printf 'median of %d  %8s %9s %16s %7s\n' "$runs" classes ready_ms first_answer_ms cpu_ms
for side in before after; do
  printf '%-12s %8s %9s %16s %7s\n' "$side" "$(median "$side" 2)" "$(median "$side" 3)" "$(median "$side" 4)" \
    "$(median "$side" 5)"
done
for c in 2 3 4 5; do
  awk -v a="$(median after "$c")" -v b="$(median before "$c")" -v n="$c" \
    'BEGIN { split("x classes ready_ms first_answer_ms cpu_ms", h, " "); printf "after/before %s: %.3f\n", h[n], a / b }'
done
