#!/usr/bin/env bash
# JVM start-up with and without JDK 25's AOT cache: builds the jar twice with JDK 25 (plain, and -Paot into its own
# build folder), then starts each RUNS times (default 5), interleaved plain, aot, plain, aot..., on the sandbox on a free
# loopback port. Each run is measured by bench/native-start.sh: time from launch to the first GraphQL answer
# ({ realtimeUserCount { total } }, polled every ~10 ms after /q/health/ready) and VmRSS right after it; then the service
# is stopped. Prints every run, the medians and the ratios AOT / plain. Loopback only.
# Usage: bench/startup.sh   (JDK25=/path/to/jdk-25 and RUNS=n to change the defaults)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
jdk=${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}
runs=${RUNS:-5}
plain=$root/target-bench-plain
aot=$root/target-bench-aot

"$jdk/bin/java" -version 2>&1 | head -1

# the formatter is skipped: a benchmark must not rewrite sources
build() {
  local dir=$1
  shift
  mkdir -p "$dir"
  echo "building $dir $*"
  JAVA_HOME=$jdk ./mvnw -B -q package -DskipTests -Dformatter.skip=true -Dimpsort.skip=true -Dbuild.dir="$dir" "$@" \
    > "$dir/bench-build.log" 2>&1 || { tail -50 "$dir/bench-build.log"; exit 1; }
}
build "$plain"
build "$aot" -Paot
[[ -f $aot/quarkus-app/app.aot ]] || { echo "no AOT cache was built: $aot/quarkus-app/app.aot" >&2; exit 1; }

# from the application's folder, as the AOT cache requires; AOTMode=on makes a cache that cannot be used an error
measure() {
  local dir=$1
  shift
  (cd "$dir/quarkus-app" && BENCH_FORMAT=tsv "$root/bench/native-start.sh" "$jdk/bin/java" "$@" -jar quarkus-run.jar)
}

results=$(mktemp)
trap 'rm -f "$results"' EXIT
printf '%-4s %-6s %10s %16s %9s\n' run jvm ready_ms first_answer_ms rss_mib
for i in $(seq 1 "$runs"); do
  for variant in plain aot; do
    if [[ $variant == plain ]]; then
      line=$(measure "$plain")
    else
      line=$(measure "$aot" -XX:AOTCache=app.aot -XX:AOTMode=on)
    fi
    read -r ready first rss _ <<< "$line"
    printf '%s %s %s %s\n' "$variant" "$ready" "$first" "$rss" >> "$results"
    printf '%-4s %-6s %10s %16s %9.1f\n' "$i" "$variant" "$ready" "$first" "$(awk -v k="$rss" 'BEGIN { print k / 1024 }')"
  done
done

median() { # variant, column (3 = first answer ms, 4 = RSS KiB)
  awk -v v="$1" -v c="$2" '$1 == v { print $c }' "$results" | sort -n \
    | awk '{ x[NR] = $1 } END { print (NR % 2) ? x[(NR + 1) / 2] : (x[NR / 2] + x[NR / 2 + 1]) / 2 }'
}
plain_ms=$(median plain 3)
aot_ms=$(median aot 3)
plain_rss=$(median plain 4)
aot_rss=$(median aot 4)
echo
awk -v pm="$plain_ms" -v am="$aot_ms" -v pr="$plain_rss" -v ar="$aot_rss" -v n="$runs" 'BEGIN {
  printf "median of %d runs   first answer   RSS after it\n", n
  printf "plain               %9.0f ms   %8.1f MiB\n", pm, pr / 1024
  printf "aot                 %9.0f ms   %8.1f MiB\n", am, ar / 1024
  printf "ratio aot / plain   %12.2f   %12.2f\n", am / pm, ar / pr
}'
