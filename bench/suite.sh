#!/usr/bin/env bash
# The test suite's wall time side by side: clones this repository once per git ref into a temporary folder, then runs
# each clone's `bash .ci/run` (the CI entry point: format check, deploy check, the README's test command, the native
# sources-only step, the Lambda tests) ROUNDS times (default 2), alternating the refs, so that what else runs on the
# machine falls on every ref alike. Every output line is stamped with the seconds since that run began; the summary
# gives per run: total seconds, the seconds spent in each Maven step (surefire, packaging, failsafe, native sources,
# lambda), how many times Quarkus started in the surefire/failsafe JVMs (one per distinct test profile or resource set;
# in failsafe, the packaged jar's starts), and the tests run. Nothing is sent anywhere but 127.0.0.1.
# Usage: bench/suite.sh REF... (ROUNDS=n; KEEP=1 keeps the clones and logs in $TMPDIR)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
rounds=${ROUNDS:-2}
[[ $# -ge 1 ]] || { echo "usage: bench/suite.sh REF..." >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/suite-bench.XXXXXX")
[[ -n ${KEEP:-} ]] || trap 'rm -rf "$work"' EXIT

echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg)"
java -version 2>&1 | head -1
echo "started: $(date -u '+%F %T UTC'), rounds: $rounds"
declare -A sha
for ref in "$@"; do
  sha[$ref]=$(git -C "$root" rev-parse --short "$ref")
  git clone -q --no-hardlinks "$root" "$work/$ref"
  git -C "$work/$ref" checkout -q "${sha[$ref]}"
  echo "ref $ref = ${sha[$ref]} ($(git -C "$root" log -1 --format=%s "$ref" | cut -c1-100))"
done

# stamp: prefixes each line with the whole seconds since $1
stamp() {
  local start=$1 line
  while IFS= read -r line; do
    printf '%5d %s\n' $(($(date +%s) - start)) "$line"
  done
}

# phases <log>: the second at which each Maven step began, and the end
phases() {
  awk '
    / --- surefire:/ && !s { print "surefire_start " $1; s = 1 }
    / --- quarkus:[^ ]*:build/ && !b { print "package_start " $1; b = 1 }
    / --- failsafe:[^ ]*:integration-test/ && !f { print "failsafe_start " $1; f = 1 }
    /^ *[0-9]+ == native/ { print "native_start " $1 }
    /^ *[0-9]+ == lambda/ { print "lambda_start " $1 }
    { last = $1 }
    END { print "end " last }' "$1"
}

summary="$work/summary.txt"
printf '%-5s %-16s %-9s %7s %9s %8s %9s %7s %7s %7s %7s %s\n' round ref sha total_s surefire_s package_s failsafe_s native_s lambda_s \
  boots_ut boots_it tests > "$summary"
for ((round = 1; round <= rounds; round++)); do
  for ref in "$@"; do
    dir=$work/$ref
    log=$work/$ref-$round.log
    rm -rf "$dir/target"
    echo "round $round: $ref (${sha[$ref]}) from $(date -u +%T), load $(cut -d' ' -f1-3 /proc/loadavg)"
    start=$(date +%s)
    # .ci/run's native and lambda steps are quiet (-q) or share surefire's marker: mark them by their command lines.
    # Every step runs even when one fails (set -e dropped), so that a flaky test does not cut a run short and make it
    # look fast: such a run is marked FAILED with the failing tests named.
    sed -e 's|^\./mvnw -B -q package -Dnative|echo "== native"; &|' -e 's|^\./mvnw -B test -Plambda|echo "== lambda"; &|' \
      -e 's|^set -euo pipefail|set -uo pipefail|' "$dir/.ci/run" > "$dir/.ci/run-marked"
    status=0
    (cd "$dir" && bash .ci/run-marked) 2>&1 | stamp "$start" > "$log" || status=$?
    total=$(($(date +%s) - start))
    [[ $status -eq 0 ]] || { echo "  FAILED (exit $status), last lines:"; tail -30 "$log"; }
    declare -A at=()
    while read -r name second; do at[$name]=$second; done < <(phases "$log")
    sf=$((${at[package_start]:-0} - ${at[surefire_start]:-0}))
    pk=$((${at[failsafe_start]:-0} - ${at[package_start]:-0}))
    fs=$((${at[native_start]:-0} - ${at[failsafe_start]:-0}))
    nt=$((${at[lambda_start]:-0} - ${at[native_start]:-0}))
    lb=$((${at[end]:-0} - ${at[lambda_start]:-0}))
    # a Quarkus start in the test JVM prints "... started in Ns"; the ITs' jar prints it to target/quarkus.log, which
    # each start overwrites, so count failsafe's "Executing" lines for the jar's launches instead
    boots_ut=$(awk -v a="${at[surefire_start]:-0}" -v b="${at[package_start]:-0}" '$1 >= a && $1 <= b && /started in [0-9.]+s/' "$log" | wc -l)
    boots_it=$(awk -v a="${at[failsafe_start]:-0}" -v b="${at[native_start]:-0}" '$1 >= a && $1 <= b && /Executing "/' "$log" | wc -l)
    tests=$(grep -E '^ *[0-9]+ \[(INFO|WARNING|ERROR)\] Tests run: [0-9]+, .*$' "$log" | grep -v ' in ' | awk '{ gsub(",", "", $5); printf "%s+", $5 }' | sed 's/+$//')
    printf '%-5s %-16s %-9s %7s %9s %8s %9s %7s %7s %7s %7s %s\n' "$round" "$ref" "${sha[$ref]}" "$total" "$sf" "$pk" "$fs" "$nt" "$lb" \
      "$boots_ut" "$boots_it" "$tests" >> "$summary"
    tail -1 "$summary"
    if [[ $status -ne 0 ]] || grep -q '<<< \(FAILURE\|ERROR\)!' "$log"; then
      echo "  (this run FAILED: $(grep -o '[A-Za-z0-9_.]* -- Time elapsed: [0-9.]* s <<< \(FAILURE\|ERROR\)!' "$log" \
        | cut -d' ' -f1 | sort -u | tr '\n' ' '))" >> "$summary"
    fi
    unset at
  done
done
echo "finished: $(date -u '+%F %T UTC')"
echo
cat "$summary"
echo
# the medians per ref and each ref's total as a ratio of the first ref's
awk 'NR > 1 && $1 ~ /^[0-9]+$/ { t[$2] = t[$2] " " $4; if (!($2 in order)) { order[$2] = ++n; name[n] = $2 } }
  function median(list,   a, k, i, j, x) {
    k = split(list, a, " ")
    for (i = 2; i <= k; i++) { x = a[i]; for (j = i - 1; j >= 1 && a[j] > x; j--) a[j + 1] = a[j]; a[j + 1] = x }
    return k % 2 ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2
  }
  END {
    base = median(t[name[1]])
    for (i = 1; i <= n; i++) printf "median total %-16s %6.0f s   ratio to %s: %.2f\n", name[i], median(t[name[i]]), name[1], median(t[name[i]]) / base
  }' "$summary"
if [[ -n ${KEEP:-} ]]; then
  echo "logs kept in $work"
else
  # the per-second stamped logs of the last round, for the phases the summary does not split
  for ref in "$@"; do
    echo
    echo "=== $ref round $rounds: Quarkus starts and test classes with their times"
    grep -E 'started in [0-9.]+s|Executing "|Tests run: .* in |== (native|lambda)| --- (surefire|failsafe|quarkus):' \
      "$work/$ref-$rounds.log" | sed -E 's/\x1b\[[0-9;]*m//g' | cut -c1-200
  done
fi
