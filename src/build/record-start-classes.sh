#!/usr/bin/env bash
# Records the classes a start loads, in the order it loads them, into
# src/main/resources/META-INF/ctgraphql/start-classes.txt, the list dev.ctgraphql.boot.ClassPreloader loads ahead of the
# main thread. Runs the packaged default build (fast-jar) through src/main/docker/train.sh (loopback only, fake
# credentials: readiness, a GraphQL query, a CleverTap call that fails at once, stop) with -Xlog:class+load and the
# preloader off, then keeps the classes Quarkus' class loader or the JDK loaded from a jar or module: not those the JDK's
# own archive serves, not the launcher's (lib/boot), not lambdas and other hidden classes (spun at run time).
# Run it again after a dependency or Quarkus upgrade (a class the list names that a build lacks is skipped; a class it
# misses is loaded by the main thread as before); `git diff --stat` shows how much moved.
# Usage: ./mvnw package -DskipTests && src/build/record-start-classes.sh   (JAVA=path to the java to run; default java)
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
app=$root/target/quarkus-app
list=$root/src/main/resources/META-INF/ctgraphql/start-classes.txt
[[ -f $app/quarkus-run.jar && ! -f $app/app-cds.jsa && ! -f $app/app.aot ]] \
  || { echo "needs the default package in $app: ./mvnw package -DskipTests" >&2; exit 2; }
log=$(mktemp)
trap 'rm -f "$log"' EXIT
(cd "$app" && CLEVERTAP_GRAPHQL_START_PRELOAD=false bash "$root/src/main/docker/train.sh" "${JAVA:-java}" \
  "-Xlog:class+load:file=$log" -jar quarkus-run.jar)
mkdir -p "$(dirname "$list")"
{
  echo "# classes a start loads, in order; written by src/build/record-start-classes.sh ($("${JAVA:-java}" -version 2>&1 | head -1))"
  sed -nE 's/^.*\[class,load\] ([^ ]+) source: (.*)$/\1 \2/p' "$log" \
    | awk '$2 != "shared" && $2 !~ /^__/ && $2 !~ /\/lib\/boot\// && $1 !~ /\$\$Lambda|LambdaForm\$|\/0x/ { print $1 }' \
    | awk '!seen[$0]++'
} > "$list"
echo "$(grep -vc '^#' "$list") classes written to ${list#"$root"/}"
