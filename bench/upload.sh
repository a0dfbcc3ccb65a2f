#!/usr/bin/env bash
# Upload throughput against CleverTap's limit (see UploadBenchmark): 100,000 events to the sandbox with 50 ms added
# latency, reported as a ratio to the ideal (requests / 15 x 50 ms). Loopback only. Usage: bench/upload.sh
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q test -Dtest=UploadBenchmark -Dsurefire.failIfNoSpecifiedTests=false > target/upload-benchmark.log 2>&1 \
  || { tail -50 target/upload-benchmark.log; exit 1; }
cat target/benchmarks/upload.txt
