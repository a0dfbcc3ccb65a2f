#!/usr/bin/env bash
# JVM start-up side by side: the plain jar and the jar with its AppCDS archive on JDK 17, each also with the flags for
# short-lived JVMs (-XX:TieredStopAtLevel=1 -XX:+UseSerialGC: C1 only, one GC thread), and the plain jar and the jar with
# its AOT cache (Project Leyden) on JDK 25. Builds three times (JDK 17 plain, JDK 17 -Pappcds, JDK 25 -Paot, each in its
# own build folder; BUILD=0 reuses them), then starts each variant RUNS times (default 5), interleaved. Each run is
# measured by bench/native-start.sh in production mode without the sandbox (fake credentials, a CleverTap base URL on a
# closed loopback port, an API key): time from launch to the first 200 of /q/health/ready, to the first GraphQL answer
# ({ __typename }, which needs no CleverTap call), the CPU time used until then, and VmRSS right after it. Prints every
# run, the medians and the ratios to plain JDK 17. Loopback only.
# Usage: bench/startup.sh   (JDK17=..., JDK25=..., RUNS=n, BUILD=0 to change the defaults)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
jdk17=${JDK17:-/usr/lib/jvm/java-17-openjdk-amd64}
jdk25=${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}
runs=${RUNS:-5}
plain=$root/target-bench-plain
appcds=$root/target-bench-appcds
aot=$root/target-bench-aot

echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg)"
"$jdk17/bin/java" -version 2>&1 | head -1
"$jdk25/bin/java" -version 2>&1 | head -1

# the formatter is skipped: a benchmark must not rewrite sources
build() {
  local jdk=$1 dir=$2
  shift 2
  mkdir -p "$dir"
  echo "building $dir $*"
  JAVA_HOME=$jdk ./mvnw -B -q package -DskipTests -Dformatter.skip=true -Dimpsort.skip=true -Dbuild.dir="$dir" "$@" \
    > "$dir/bench-build.log" 2>&1 || { tail -50 "$dir/bench-build.log"; exit 1; }
}
if [[ ${BUILD:-1} != 0 ]]; then
  build "$jdk17" "$plain"
  build "$jdk17" "$appcds" -Pappcds
  build "$jdk25" "$aot" -Paot
fi
[[ -f $appcds/quarkus-app/app-cds.jsa ]] || { echo "no AppCDS archive was built: $appcds/quarkus-app/app-cds.jsa" >&2; exit 1; }
[[ -f $aot/quarkus-app/app.aot ]] || { echo "no AOT cache was built: $aot/quarkus-app/app.aot" >&2; exit 1; }

# from the application's folder, as the archives require; -Xshare:on and AOTMode=on make an archive that cannot be used
# an error instead of a silent plain start
measure() {
  local dir=$1
  shift
  (cd "$dir/quarkus-app" && BENCH_FORMAT=tsv "$root/bench/native-start.sh" "$@" -jar quarkus-run.jar)
}

variants=(plain-17 c1-17 appcds-17 appcds-c1-17 plain-25 aot-25)
short_lived=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC)
results=$(mktemp)
trap 'rm -f "$results"' EXIT
printf '%-4s %-12s %9s %16s %7s %9s\n' run variant ready_ms first_answer_ms cpu_ms rss_mib
for i in $(seq 1 "$runs"); do
  for variant in "${variants[@]}"; do
    case $variant in
      plain-17) line=$(measure "$plain" "$jdk17/bin/java") ;;
      c1-17) line=$(measure "$plain" "$jdk17/bin/java" "${short_lived[@]}") ;;
      appcds-17) line=$(measure "$appcds" "$jdk17/bin/java" -XX:SharedArchiveFile=app-cds.jsa -Xshare:on) ;;
      appcds-c1-17)
        line=$(measure "$appcds" "$jdk17/bin/java" -XX:SharedArchiveFile=app-cds.jsa -Xshare:on "${short_lived[@]}")
        ;;
      plain-25) line=$(measure "$aot" "$jdk25/bin/java") ;;
      aot-25) line=$(measure "$aot" "$jdk25/bin/java" -XX:AOTCache=app.aot -XX:AOTMode=on) ;;
    esac
    read -r ready first rss _ cpu <<< "$line"
    printf '%s %s %s %s %s\n' "$variant" "$ready" "$first" "$rss" "$cpu" >> "$results"
    printf '%-4s %-12s %9s %16s %7s %9.1f\n' "$i" "$variant" "$ready" "$first" "$cpu" \
      "$(awk -v k="$rss" 'BEGIN { print k / 1024 }')"
  done
done

median() { # variant, column (2 = ready ms, 3 = first answer ms, 4 = RSS KiB, 5 = CPU ms)
  awk -v v="$1" -v c="$2" '$1 == v { print $c }' "$results" | sort -n \
    | awk '{ x[NR] = $1 } END { print (NR % 2) ? x[(NR + 1) / 2] : (x[NR / 2] + x[NR / 2 + 1]) / 2 }'
}
echo
printf 'median of %d runs  %9s %16s %7s %9s   %s\n' "$runs" ready_ms first_answer_ms cpu_ms rss_mib "first answer / plain-17"
base=$(median plain-17 3)
for variant in "${variants[@]}"; do
  awk -v v="$variant" -v r="$(median "$variant" 2)" -v f="$(median "$variant" 3)" -v c="$(median "$variant" 5)" \
    -v m="$(median "$variant" 4)" -v b="$base" \
    'BEGIN { printf "%-17s %9.0f %16.0f %7.0f %9.1f   %.2f\n", v, r, f, c, m / 1024, f / b }'
done
