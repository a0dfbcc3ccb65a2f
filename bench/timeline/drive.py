#!/usr/bin/env python3
"""Runs the uploads bench/timeline/upload_timeline.sh times, marking each run's start and end (CLOCK_MONOTONIC ms)."""
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
import upload_driver  # noqa: E402


class Args:
    pass


args = Args()
args.port, args.sandbox_port, args.key = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
bench = upload_driver.Bench(args)
bench.latency(0)
for i in range(3):
    bench.graphql("Warmup", 10_000)
for i in range(3):
    bench.ingest("Warmup", 20_000)
bench.latency(200)
for mode in ("uploadEvents", "uploadEvents", "ingest", "ingest"):
    time.sleep(0.5)
    print(f"MARK start {mode} {time.monotonic() * 1000:.3f}", flush=True)
    elapsed = bench.ingest("Run", 200_000)[0] if mode == "ingest" else bench.graphql("Run", 50_000)
    print(f"MARK end {mode} {time.monotonic() * 1000:.3f} {elapsed * 1000:.1f}", flush=True)
bench.latency(0)
