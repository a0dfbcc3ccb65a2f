#!/usr/bin/env bash
# Training run for a fast JVM start: runs the given java command (which names the archive to write, e.g.
# -XX:ArchiveClassesAtExit=app-cds.jsa on JDK 17, -XX:AOTCacheOutput=app.aot on JDK 25) from the application's folder,
# asks the service what a first caller asks (readiness, a GraphQL query with an API key, a query that calls CleverTap, a
# query on SmallRye's executor),
# then stops it so that the JVM writes the archive of everything that start and those requests loaded. Quarkus' own
# archive generation stops after static initialisation and leaves out the HTTP server, the security layer and the
# first request's classes.
# No network and no credentials: fake ones, CleverTap on a loopback port nothing listens on (the call fails at once and
# is not retried), an API key made up for this run. Needs bash only (no curl): requests go through /dev/tcp.
# Used by the appcds and aot Maven profiles (pom.xml) and by src/main/docker/Dockerfile.jvm.
# Usage (from target/quarkus-app): bash train.sh java -XX:ArchiveClassesAtExit=app-cds.jsa -jar quarkus-run.jar
set -euo pipefail

if [[ $# -eq 0 ]]; then
  echo "usage: $0 <java command that writes an archive at exit>" >&2
  exit 2
fi
key=training-run-only-key
# sha256 of the key above (printf %s training-run-only-key | sha256sum), so no tool is needed for it
hash=cc595b62b0fbce2387eb196f36f73398ae0521dd5478521a639d439b2beee878
log=$(mktemp)
trap 'rm -f "$log"' EXIT

# a loopback port nothing listens on: one for the service, one that stays closed for CleverTap
free_port() {
  local candidate
  for _ in $(seq 1 50); do
    candidate=$((20000 + RANDOM % 40000))
    if ! (exec 3<> "/dev/tcp/127.0.0.1/$candidate") 2> /dev/null; then
      echo "$candidate"
      return
    fi
  done
  echo "no free loopback port found" >&2
  exit 1
}
port=$(free_port)
closed=$(free_port)

env CLEVERTAP_SANDBOX_ENABLED=false CLEVERTAP_ACCOUNT_ID=TRAIN-000-000-000Z CLEVERTAP_PASSCODE=training-fake \
  "CLEVERTAP_BASE_URL=http://127.0.0.1:$closed" CLEVERTAP_RETRY_MAX_RETRIES=0 QUARKUS_HTTP_HOST=127.0.0.1 \
  QUARKUS_HTTP_PORT="$port" "CLEVERTAP_GRAPHQL_AUTH_API_KEYS=train:viewer:$hash" "$@" > "$log" 2>&1 &
pid=$!

# request <method> <path> [body]: the status line and body of one HTTP/1.1 exchange on a fresh connection
request() {
  local method=$1 path=$2 body=${3:-}
  exec 3<> "/dev/tcp/127.0.0.1/$port" || return 1
  printf '%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\nX-API-Key: %s\r\nContent-Type: application/json\r\nAccept: application/json\r\nConnection: close\r\nContent-Length: %d\r\n\r\n%s' \
    "$method" "$path" "$key" "${#body}" "$body" >&3
  cat <&3
  exec 3<&-
}

deadline=$((SECONDS + ${TRAIN_TIMEOUT_S:-120}))
until request GET /q/health/ready 2> /dev/null | head -1 | grep -q ' 200'; do
  if ! kill -0 "$pid" 2> /dev/null || ((SECONDS > deadline)); then
    echo "the training run did not become ready; its output:" >&2
    cat "$log" >&2
    kill "$pid" 2> /dev/null || true
    exit 1
  fi
  sleep 0.2
done
for _ in 1 2; do
  request POST /graphql '{"query":"{ __typename }"}' | grep -q '"__typename":"Query"' \
    || { echo "the training run did not answer { __typename }" >&2; cat "$log" >&2; kill "$pid"; exit 1; }
  # CleverTap does not answer here: an error answer, through the REST client, the limiter and the error mapping
  request POST /graphql '{"query":"query Train { realtimeUserCount { total } }"}' | grep -q '"errors"' \
    || { echo "the training run's CleverTap call did not fail as expected" >&2; cat "$log" >&2; kill "$pid"; exit 1; }
  request GET '/graphql?query=%7B__typename%7D' > /dev/null
  # the queries above run on the lean executor; viewer runs on SmallRye's, as mutations do
  request POST /graphql '{"query":"{ viewer { roles } }"}' | grep -q '"roles":\["viewer"\]' \
    || { echo "the training run did not answer { viewer { roles } }" >&2; cat "$log" >&2; kill "$pid"; exit 1; }
done
kill -TERM "$pid"
wait "$pid" || true
grep -iE 'warn|error' "$log" | grep -v 'Skipping' | tail -5 || true
echo "training run done; the JVM wrote its archive at exit"
