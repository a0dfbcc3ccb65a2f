#!/usr/bin/env bash
# What a start-up probe itself costs: one packaged jar started RUNS times (default 9) by bench/native-start.sh as it was
# at OLD (default fe7af26, which forked curl, date and sleep every ~10 ms) and as it is in the working tree (forks
# nothing while it polls), interleaved. Prints each start's times, the JVM's CPU to its first answer, and the CPU of the
# probe and the JVM together up to the probe's exit (the JVM's shutdown included, the same for both probes): the
# difference in that last column is what each probe took from the 2 cores the start needs.
# Usage (from the project root, after ./mvnw package): bench/probe-cost.sh   (JAR_DIR=target/quarkus-app, RUNS=n, OLD=ref)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
dir=${JAR_DIR:-target/quarkus-app}
old=$(mktemp)
git show "${OLD:-fe7af26}:bench/native-start.sh" > "$old"
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); jar: $dir ($(git rev-parse --short HEAD)); old probe: ${OLD:-fe7af26}"
rows=$(mktemp)
trap 'rm -f "$old" "$rows"' EXIT
printf '%-4s %-9s %8s %15s %10s %19s\n' run probe ready_ms first_answer_ms jvm_cpu_ms probe_and_jvm_cpu_ms
for i in $(seq 1 "${RUNS:-9}"); do
  for probe in old fork-free; do
    script=$old
    [[ $probe == old ]] || script=$root/bench/native-start.sh
    out=$(cd "$dir" && { /usr/bin/time -f 'TIME %U %S' env BENCH_FORMAT=tsv bash "$script" java -jar quarkus-run.jar; } 2>&1)
    read -r ready first _ _ cpu <<< "$(grep -v '^TIME' <<< "$out")"
    read -r _ user sys <<< "$(grep '^TIME' <<< "$out")"
    total=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%d", (u + s) * 1000 }')
    echo "$probe $ready $first $cpu $total" >> "$rows"
    printf '%-4s %-9s %8s %15s %10s %19s\n' "$i" "$probe" "$ready" "$first" "$cpu" "$total"
  done
done
median() { # probe, column (2 ready, 3 first answer, 4 JVM CPU, 5 probe and JVM CPU)
  awk -v p="$1" -v c="$2" '$1 == p { print $c }' "$rows" | sort -n \
    | awk '{ x[NR] = $1 } END { print (NR % 2) ? x[(NR + 1) / 2] : (x[NR / 2] + x[NR / 2 + 1]) / 2 }'
}
echo
for probe in old fork-free; do
  printf 'median %-9s %8s %15s %10s %19s\n' "$probe" "$(median "$probe" 2)" "$(median "$probe" 3)" \
    "$(median "$probe" 4)" "$(median "$probe" 5)"
done
