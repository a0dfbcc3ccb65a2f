#!/usr/bin/env bash
# The Lambda function's cold start without SnapStart, its jars stored against deflated: builds the -Plambda package of
# the working tree twice (once as it is, with function.zip's jars stored by src/build/StoreJars.java, once with
# -Djars.store.skip=true, the jars as Maven resolved them), unpacks each function.zip as Lambda does into /var/task, and
# starts each RUNS times (default 7), interleaved, the way AWS's managed Java runtime does: the class path of the
# unpacked function, the handler of deploy/lambda/template.yaml made and handed one API Gateway event (POST /graphql of
# { __typename } with an API key; bench/lambda/LambdaColdStart.java), with the template's JAVA_TOOL_OPTIONS flags
# (C1 only, the serial GC). Production mode, no sandbox, a CleverTap base URL on a closed loopback port. Prints each
# start's milliseconds from the JVM's start to the handler made and to the answer, its CPU until then, and the medians.
# Not measured here: Lambda's own unpacking, its runtime's start and SnapStart's restore (the template's default).
# Usage: bench/lambda-start.sh   (RUNS=n, BUILD=0 reuses the builds, JDK=path; default the JDK 17 of this machine,
#                                 Lambda's java21 runtime being unavailable here)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
jdk=${JDK:-/usr/lib/jvm/java-17-openjdk-amd64}
runs=${RUNS:-7}
variants=(deflated stored)
key=bench-lambda-local-only-key
hash=$(printf %s "$key" | sha256sum | cut -d' ' -f1)

echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "tree: $(git rev-parse --short HEAD)$(git diff --quiet HEAD || echo ' with changes')"
"$jdk/bin/java" -version 2>&1 | head -1

if [[ ${BUILD:-1} != 0 ]]; then
  for variant in "${variants[@]}"; do
    dir=$root/target-bench-lambda-$variant
    skip=false
    [[ $variant == stored ]] || skip=true
    rm -rf "$dir"
    mkdir -p "$dir"
    echo "building $dir (jars.store.skip=$skip)"
    (JAVA_HOME=$jdk ./mvnw -B -q package -Plambda -DskipTests -Dformatter.skip=true -Dimpsort.skip=true \
      -Djars.store.skip=$skip -Dbuild.dir="$dir" > "$dir/bench-build.log" 2>&1) || { tail -50 "$dir/bench-build.log"; exit 1; }
    mkdir -p "$dir/task"
    (cd "$dir/task" && unzip -q ../function.zip)
  done
  mkdir -p "$root/target-bench-lambda-harness"
  "$jdk/bin/javac" -d "$root/target-bench-lambda-harness" -cp "$root/target-bench-lambda-stored/task/lib/*" \
    bench/lambda/LambdaColdStart.java
fi

for variant in "${variants[@]}"; do
  dir=$root/target-bench-lambda-$variant
  echo "$variant: function.zip $(( $(stat -c %s "$dir/function.zip") / 1024 / 1024 )) MiB, unpacked $(du -sm "$dir/task" | cut -f1) MiB"
done

results=$(mktemp)
trap 'rm -f "$results"' EXIT
printf '%-4s %-9s %10s %10s %7s\n' run variant handler_ms answer_ms cpu_ms
for i in $(seq 1 "$runs"); do
  for variant in "${variants[@]}"; do
    line=$(cd "$root/target-bench-lambda-$variant/task" && env CLEVERTAP_SANDBOX_ENABLED=false \
      CLEVERTAP_ACCOUNT_ID=BENCH-000-000-000Z CLEVERTAP_PASSCODE=bench-fake CLEVERTAP_BASE_URL=http://127.0.0.1:9 \
      "CLEVERTAP_GRAPHQL_AUTH_API_KEYS=bench:viewer:$hash" \
      "$jdk/bin/java" -XX:+TieredCompilation -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
      -cp ".:lib/*:$root/target-bench-lambda-harness" LambdaColdStart "$key" 2>&1 | grep '^cold-start ') \
      || { echo "the $variant function did not answer as expected" >&2; exit 1; }
    read -r _ made answered cpu <<< "$line"
    echo "$variant $made $answered $cpu" >> "$results"
    printf '%-4s %-9s %10s %10s %7s\n' "$i" "$variant" "$made" "$answered" "$cpu"
  done
done

median() { # variant, column (2 handler, 3 answer, 4 CPU)
  awk -v v="$1" -v c="$2" '$1 == v { print $c }' "$results" | sort -n \
    | awk '{ x[NR] = $1 } END { print (NR % 2) ? x[(NR + 1) / 2] : (x[NR / 2] + x[NR / 2 + 1]) / 2 }'
}
echo
printf 'median of %d  %10s %10s %7s   %s\n' "$runs" handler_ms answer_ms cpu_ms "answer / deflated's, CPU / deflated's"
for variant in "${variants[@]}"; do
  awk -v v="$variant" -v m="$(median "$variant" 2)" -v a="$(median "$variant" 3)" -v c="$(median "$variant" 4)" \
    -v a0="$(median deflated 3)" -v c0="$(median deflated 4)" \
    'BEGIN { printf "%-13s %10.0f %10.0f %7.0f   %.2f, %.2f\n", v, m, a, c, a / a0, c / c0 }'
done
