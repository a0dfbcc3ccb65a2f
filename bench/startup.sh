#!/usr/bin/env bash
# JVM start-up, before and after, side by side: BEFORE (a git ref, default main; its tree is exported with git archive
# and built apart) against AFTER (a git ref exported the same way; default the working tree). For each: the plain jar and the jar with its AppCDS archive on JDK 17,
# each also with the flags for short-lived JVMs (-XX:TieredStopAtLevel=1 -XX:+UseSerialGC: C1 only, one GC thread), and
# the plain jar (the JDK 17 build) and the -Paot jar with its AOT cache (Project Leyden) on JDK 25. Builds six times
# (JDK 17 plain, JDK 17 -Pappcds, JDK 25 -Paot, for each side, each in its own build folder; BUILD=0 reuses them all,
# BUILD_BEFORE=0 only the before side's), then starts each variant RUNS times (default 5), interleaved (before, then after, variant by variant).
# Each run is measured by bench/native-start.sh in production mode without the sandbox (fake credentials, a CleverTap
# base URL on a closed loopback port, an API key): time from launch to the first 200 of /q/health/ready, to the first
# GraphQL answer ({ __typename }, which needs no CleverTap call), the CPU time used until then, and VmRSS right after it.
# Prints every run, the medians, each variant's ratio after/before and each one's ratio to plain JDK 17 before.
# Loopback only.
# Usage: bench/startup.sh   (BEFORE=ref, AFTER=ref, JDK17=..., JDK25=..., RUNS=n, BUILD=0, BUILD_BEFORE=0,
#                            VARIANTS="plain-17 c1-17 ..." to change the defaults)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
jdk17=${JDK17:-/usr/lib/jvm/java-17-openjdk-amd64}
jdk25=${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}
runs=${RUNS:-5}
before_ref=${BEFORE:-main}
after_ref=${AFTER:-}
sides=(before after)

echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg)"
if [[ -n $after_ref ]]; then
  after_what="$after_ref ($(git rev-parse --short "$after_ref"))"
else
  after_what="the working tree of $(git rev-parse --short HEAD)$(git diff --quiet HEAD || echo ' with changes')"
fi
echo "before: $before_ref ($(git rev-parse --short "$before_ref")), after: $after_what"
"$jdk17/bin/java" -version 2>&1 | head -1
"$jdk25/bin/java" -version 2>&1 | head -1

# the formatter is skipped: a benchmark must not rewrite sources
build() {
  local source=$1 jdk=$2 dir=$3
  shift 3
  mkdir -p "$dir"
  echo "building $dir $*"
  (cd "$source" && JAVA_HOME=$jdk ./mvnw -B -q package -DskipTests -Dformatter.skip=true -Dimpsort.skip=true \
    -Dbuild.dir="$dir" "$@" > "$dir/bench-build.log" 2>&1) || { tail -50 "$dir/bench-build.log"; exit 1; }
}
build_side() {
  local side=$1 source=$2
  build "$source" "$jdk17" "$root/target-bench-$side-plain"
  build "$source" "$jdk17" "$root/target-bench-$side-appcds" -Pappcds
  build "$source" "$jdk25" "$root/target-bench-$side-aot" -Paot
}
# build_ref <side> <ref>: builds a side from the tree of a git ref, exported apart
build_ref() {
  local exported
  exported=$(mktemp -d)
  git archive "$2" | tar -x -C "$exported"
  build_side "$1" "$exported"
  rm -rf "$exported"
}
if [[ ${BUILD:-1} != 0 && ${BUILD_BEFORE:-1} != 0 ]]; then
  build_ref before "$before_ref"
fi
if [[ ${BUILD:-1} != 0 ]]; then
  if [[ -n $after_ref ]]; then
    build_ref after "$after_ref"
  else
    build_side after "$root"
  fi
fi
for side in "${sides[@]}"; do
  [[ -f $root/target-bench-$side-appcds/quarkus-app/app-cds.jsa ]] \
    || { echo "no AppCDS archive was built: target-bench-$side-appcds/quarkus-app/app-cds.jsa" >&2; exit 1; }
  [[ -f $root/target-bench-$side-aot/quarkus-app/app.aot ]] \
    || { echo "no AOT cache was built: target-bench-$side-aot/quarkus-app/app.aot" >&2; exit 1; }
done

# from the application's folder, as the archives require; -Xshare:on and AOTMode=on make an archive that cannot be used
# an error instead of a silent plain start
# (a start that fails, e.g. because another process took its port between the check and the bind, is tried again)
measure() {
  local dir=$1 attempt
  shift
  for attempt in 1 2 3; do
    if (cd "$dir/quarkus-app" && BENCH_FORMAT=tsv "$root/bench/native-start.sh" "$@" -jar quarkus-run.jar); then
      return
    fi
    echo "start $attempt of $dir failed; trying again" >&2
  done
  exit 1
}

# VARIANTS="plain-17 c1-17" measures only those (more runs of what a change touches in the same time; keep plain-17,
# the base of the last column)
read -r -a variants <<< "${VARIANTS:-plain-17 c1-17 appcds-17 appcds-c1-17 plain-25 aot-25}"
short_lived=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC)
results=$(mktemp)
trap 'rm -f "$results"' EXIT
printf '%-4s %-6s %-12s %9s %16s %7s %9s\n' run side variant ready_ms first_answer_ms cpu_ms rss_mib
for i in $(seq 1 "$runs"); do
  for variant in "${variants[@]}"; do
    for side in "${sides[@]}"; do
      base=$root/target-bench-$side
      case $variant in
        plain-17) line=$(measure "$base-plain" "$jdk17/bin/java") ;;
        c1-17) line=$(measure "$base-plain" "$jdk17/bin/java" "${short_lived[@]}") ;;
        appcds-17) line=$(measure "$base-appcds" "$jdk17/bin/java" -XX:SharedArchiveFile=app-cds.jsa -Xshare:on) ;;
        appcds-c1-17)
          line=$(measure "$base-appcds" "$jdk17/bin/java" -XX:SharedArchiveFile=app-cds.jsa -Xshare:on "${short_lived[@]}")
          ;;
        # the default package (built on JDK 17 for release 17) on JDK 25: the -Paot build's layout is for its cache only
        plain-25) line=$(measure "$base-plain" "$jdk25/bin/java") ;;
        aot-25) line=$(measure "$base-aot" "$jdk25/bin/java" -XX:AOTCache=app.aot -XX:AOTMode=on) ;;
      esac
      read -r ready first rss _ cpu <<< "$line"
      printf '%s %s %s %s %s %s\n' "$side" "$variant" "$ready" "$first" "$rss" "$cpu" >> "$results"
      printf '%-4s %-6s %-12s %9s %16s %7s %9.1f\n' "$i" "$side" "$variant" "$ready" "$first" "$cpu" \
        "$(awk -v k="$rss" 'BEGIN { print k / 1024 }')"
    done
  done
done

median() { # side, variant, column (3 = ready ms, 4 = first answer ms, 5 = RSS KiB, 6 = CPU ms)
  awk -v s="$1" -v v="$2" -v c="$3" '$1 == s && $2 == v { print $c }' "$results" | sort -n \
    | awk '{ x[NR] = $1 } END { print (NR % 2) ? x[(NR + 1) / 2] : (x[NR / 2] + x[NR / 2 + 1]) / 2 }'
}
echo
printf 'median of %d runs       %9s %16s %7s %9s   %s   %s\n' "$runs" ready_ms first_answer_ms cpu_ms rss_mib \
  "first answer after/before" "first answer / plain-17 before"
base=$(median before plain-17 4)
for variant in "${variants[@]}"; do
  for side in "${sides[@]}"; do
    awk -v s="$side" -v v="$variant" -v r="$(median "$side" "$variant" 3)" -v f="$(median "$side" "$variant" 4)" \
      -v c="$(median "$side" "$variant" 6)" -v m="$(median "$side" "$variant" 5)" -v b="$base" \
      -v p="$(median before "$variant" 4)" \
      'BEGIN { printf "%-6s %-17s %9.0f %16.0f %7.0f %9.1f   %25s   %.2f\n", s, v, r, f, c, m / 1024,
               s == "after" ? sprintf("%.2f", f / p) : "", f / b }'
  done
done
