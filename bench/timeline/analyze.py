#!/usr/bin/env python3
"""Reads the marks of one bench/timeline/upload_timeline.sh build (service.log, sandbox.log, drive.out) and prints,
per run, where its time went."""
import os
import re
import statistics
import sys

LIMIT, LATENCY = 15, 200.0
folder = sys.argv[1]
marks = []
for name, who in (("service.log", "S"), ("sandbox.log", "B")):
    with open(os.path.join(folder, name)) as f:
        for line in f:
            m = re.search(r"TL ([\d.]+) (\S+)(?: (\d+))? \S+$", line.strip())
            if m:
                marks.append((float(m.group(1)), who, m.group(2), m.group(3)))
runs = []
with open(os.path.join(folder, "drive.out")) as f:
    for line in f:
        m = re.match(r"MARK (start|end) (\S+) ([\d.]+)(?: ([\d.]+))?", line)
        if m and m.group(1) == "start":
            runs.append([m.group(2), float(m.group(3))])
        elif m:
            runs[-1] += [float(m.group(3)), float(m.group(4))]
for mode, start, end, elapsed in runs:
    sel = [m for m in marks if start <= m[0] <= end]
    t0 = next((t for t, who, what, _ in sel if what == "http-start"), None)
    if t0 is None:  # ingest: no GraphQL marks; the first chunk built stands in for the start
        t0 = end - elapsed
    chunks = {}
    for t, who, what, arg in sel:
        if who == "S" and what.startswith("chunk"):
            chunks.setdefault(arg, {})[what] = t - t0
    firsts = {what: t - t0 for t, who, what, arg in reversed(sel)
              if who == "S" and not what.startswith("chunk") and what != "rc-answer"}
    posts = sorted(c["chunk-post"] for c in chunks.values() if "chunk-answer" in c)
    answers = sorted(c["chunk-answer"] for c in chunks.values() if "chunk-post" in c)
    times = [c["chunk-answer"] - c["chunk-post"] for c in chunks.values() if "chunk-post" in c and "chunk-answer" in c]
    events = sorted([(p, 1) for p in posts] + [(a, -1) for a in answers])
    flying, last, area, short = 0, events[0][0], 0.0, 0.0
    for t, step in events:
        area += flying * (t - last)
        short += (t - last) if flying < LIMIT else 0
        last, flying = t, flying + step
    span = answers[-1] - posts[0]
    work = [t for t, who, what, _ in sel if who == "B" and what == "sb-work"]
    done = [t for t, who, what, _ in sel if who == "B" and what == "sb-done"]
    arrive = [t for t, who, what, _ in sel if who == "B" and what == "sb-arrive"]
    ideal = len(posts) / LIMIT * LATENCY
    phases = ", ".join(f"{what} {t:.0f}" for what, t in sorted(firsts.items(), key=lambda kv: kv[1]))
    print(f"{mode}: {elapsed:,.0f} ms for {len(posts)} requests, ideal {ideal:,.0f} ms, ratio {ideal / elapsed:.2f}")
    print(f"  before the first chunk (ms from the request's arrival): {phases or '-'}; first post at {posts[0]:.0f}, "
          f"last answer at {answers[-1]:.0f}")
    print(f"  in flight: mean {area / span:.1f} of {LIMIT}, fewer than {LIMIT} for {short:,.0f} of {span:,.0f} ms "
          f"(the last partial wave alone: about {LATENCY if len(posts) % LIMIT else 0:.0f} ms)")
    print(f"  request time, post to answer: mean {statistics.mean(times):.0f}, p50 {statistics.median(times):.0f}, "
          f"max {max(times):.0f} ms (latency {LATENCY:.0f})")
    # the critical path of n requests on 15 slots starts at post number ((n - 1) % 15) + 1: the last request waits for
    # that one's slot through every wave
    critical = (len(posts) - 1) % LIMIT
    built = {c["chunk-post"]: c.get("chunk-built", c["chunk-post"]) for c in chunks.values() if "chunk-post" in c}
    refill = [posts[i] - answers[i - LIMIT] for i in range(LIMIT, len(posts))]
    late = sum(1 for i in range(LIMIT, len(posts)) if built[posts[i]] > answers[i - LIMIT])
    print(f"  critical path starts at post {critical + 1}, {posts[critical]:.0f} ms; a freed slot refilled after mean "
          f"{statistics.mean(refill or [0]):.1f}, max {max(refill or [0]):.1f} ms ({late} chunks not built when their "
          f"slot freed); tail after the last answer {end - t0 - answers[-1]:.0f} ms")
    heads = sorted(t for t, who, what, _ in sel if who == "B" and what == "sb-head")
    if heads and len(heads) == len(posts):
        way = [h - t0 - p for p, h in zip(posts, heads)]
        print(f"  request path: the service's post to the sandbox reading its head mean {statistics.mean(way):.1f}, p50 "
              f"{statistics.median(way):.1f} ms (paired in order)")
    sent = sorted(t for t, who, what, _ in sel if who == "B" and what == "sb-answer")
    if heads and len(heads) == len(sent):
        held = [a - h for h, a in zip(heads, sent)]
        print(f"  in the sandbox: head to answer mean {statistics.mean(held):.1f}, p50 {statistics.median(held):.1f} ms "
              f"(latency {LATENCY:.0f}; paired in order)")
    got = sorted(t for t, who, what, _ in sel if who == "S" and what == "rc-answer")
    if sent and len(sent) == len(got):
        lag = [g - a for a, g in zip(sent, got)]
        print(f"  answer path: sandbox answer to the service's client mean {statistics.mean(lag):.1f}, p50 "
              f"{statistics.median(lag):.1f} ms (paired in order)")
    if done:
        spent = [b - a for a, b in zip(sorted(work), sorted(done))]
        print(f"  sandbox: its work per upload mean {statistics.mean(spent):.1f}, max {max(spent):.1f} ms; arrival to "
              f"work start mean {statistics.mean([w - a for a, w in zip(sorted(arrive), sorted(work))]):.0f} ms")
