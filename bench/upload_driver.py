#!/usr/bin/env python3
"""Drives bench/upload.sh against one running service (and its sandbox, a separate process): uploads through
uploadEvents and, when the service has it, through POST /ingest/events; prints one block of figures. Loopback only."""
import argparse
import gzip
import http.client
import json
import os
import threading
import time
import uuid
from datetime import datetime, timedelta, timezone

UPLOAD = ("mutation UploadEvents($events: [EventInput!]!, $dryRun: Boolean) { uploadEvents(events: $events, "
          "dryRun: $dryRun) { status accepted rejected { index code message } } }")
TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def rss_mib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def request(port, method, path, body=None, headers=None, timeout=600):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    conn.request(method, path, body=body, headers=headers or {})
    response = conn.getresponse()
    data = response.read()
    conn.close()
    return response.status, data


def events(name, start, count):
    now = datetime.now(timezone.utc).replace(microsecond=0)
    for i in range(start, start + count):
        yield {"identity": f"user-{i % 1000 + 1}", "name": name,
               "occurredAt": (now - timedelta(seconds=i % 600)).isoformat(),
               "properties": {"seq": i, "Amount": i % 97, "Currency": "USD"}}


class Bench:
    def __init__(self, args):
        self.args = args
        self.headers = {"X-API-Key": args.key}

    def latency(self, millis):
        request(self.args.sandbox_port, "PUT", "/sandbox/_faults", json.dumps({"latencyMillis": millis}),
                {"Content-Type": "application/json"})

    def reset_stats(self):
        request(self.args.sandbox_port, "DELETE", "/sandbox/_stats")

    def stats(self):
        return json.loads(request(self.args.sandbox_port, "GET", "/sandbox/_stats")[1])

    def graphql(self, name, count):
        body = json.dumps({"query": UPLOAD, "variables": {"events": list(events(name, 0, count))}}).encode()
        start = time.monotonic()
        status, data = request(self.args.port, "POST", "/graphql", body,
                               dict(self.headers, **{"Content-Type": "application/json"}))
        elapsed = time.monotonic() - start
        answer = json.loads(data)
        accepted = answer.get("data", {}).get("uploadEvents", {}).get("accepted") if answer.get("data") else None
        if accepted != count:
            raise SystemExit(f"uploadEvents accepted {accepted} of {count}: {data[:500]!r}")
        return elapsed

    def ingest_supported(self):
        status, _ = request(self.args.port, "POST", "/ingest/events", b"",
                            dict(self.headers, **{"Content-Type": "application/x-ndjson"}))
        return status == 200

    def ingest(self, name, count, gzipped=False):
        lines = b"".join(json.dumps(e, separators=(",", ":")).encode() + b"\n" for e in events(name, 0, count))
        body = gzip.compress(lines, 1) if gzipped else lines
        headers = dict(self.headers, **{"Content-Type": "application/x-ndjson", "Transfer-Encoding": "chunked"})
        if gzipped:
            headers["Content-Encoding"] = "gzip"

        def chunks():
            for at in range(0, len(body), 65536):
                yield body[at:at + 65536]

        start = time.monotonic()
        conn = http.client.HTTPConnection("127.0.0.1", self.args.port, timeout=900)
        conn.request("POST", "/ingest/events", body=chunks(), headers=headers, encode_chunked=True)
        response = conn.getresponse()
        data = response.read()
        elapsed = time.monotonic() - start
        conn.close()
        answer = [json.loads(line) for line in data.splitlines() if line.strip()]
        if response.status != 200 or not answer or "summary" not in answer[-1]:
            raise SystemExit(f"ingest answered {response.status}: {data[:500]!r}")
        return elapsed, answer[-1]["summary"], len(answer) - 1, len(body)

    def stored(self, name):
        """Every stored event of this name, through the sandbox's export API: (count, distinct seq values)."""
        today = datetime.now(timezone.utc).date()
        query = {"event_name": name, "from": int((today - timedelta(days=1)).strftime("%Y%m%d")),
                 "to": int(today.strftime("%Y%m%d"))}
        auth = {"X-CleverTap-Account-Id": "SANDBOX-RK4-ZZ5-W66Z", "X-CleverTap-Passcode": "sandbox-passcode",
                "Content-Type": "application/json"}
        status, data = request(self.args.sandbox_port, "POST", "/sandbox/1/events.json?batch_size=5000&events=true",
                               json.dumps(query), auth)
        cursor = json.loads(data).get("cursor")
        seqs, total = set(), 0
        while cursor:
            status, data = request(self.args.sandbox_port, "GET", "/sandbox/1/events.json?cursor=" + cursor, None, auth)
            page = json.loads(data)
            if page.get("status") == "fail" and page.get("code") == 2:
                time.sleep(0.05)  # "batch still in progress": the same cursor again
                continue
            for record in page.get("records", []):
                total += 1
                seqs.add(record.get("event_props", record.get("evtData", {})).get("seq"))
            cursor = page.get("next_cursor")
        return total, len(seqs)


def floor_note(requests, lat, elapsed):
    """The least time the requests can take when each takes the latency and 15 fly at once: whole waves, the last one
    partial (the ideal above spreads requests as if they were divisible). Printed beside the ideal, never instead."""
    floor = -(-requests // 15) * lat / 1000
    return f" (whole waves: {-(-requests // 15)} x {lat} ms = {floor * 1000:,.0f} ms, so at best {requests / 15 / -(-requests // 15):.2f}; ratio to that floor {floor / elapsed:.2f})"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--label", required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--sandbox-port", type=int, required=True)
    parser.add_argument("--pid", type=int, required=True)
    parser.add_argument("--sandbox-pid", type=int, required=True)
    parser.add_argument("--key", required=True)
    parser.add_argument("--graphql-events", type=int, default=50_000)
    parser.add_argument("--ingest-events", type=int, default=200_000)
    parser.add_argument("--latency-ms", type=int, default=200)
    args = parser.parse_args()
    bench = Bench(args)
    run = uuid.uuid4().hex[:8]
    pid = args.pid
    out = [f"== {args.label}"]

    bench.latency(0)
    for i in range(4):
        bench.graphql(f"Warmup {run}", 20_000)
    ingest = bench.ingest_supported()
    if ingest:
        for i in range(3):
            bench.ingest(f"Warmup {run}", 20_000)

    # the service's own CPU with no added latency (the sandbox is another process): the median of several uploads, as
    # one upload after a short warm-up mostly measures how far the JIT has got
    n = args.graphql_events
    sandbox = args.sandbox_pid

    def cpu_per_event(upload, count, times):
        samples = []
        for i in range(times):
            cpu, sandbox_cpu = cpu_seconds(pid), cpu_seconds(sandbox)
            elapsed = upload()
            samples.append(((cpu_seconds(pid) - cpu) * 1e6 / count, (cpu_seconds(sandbox) - sandbox_cpu) * 1e6 / count,
                            elapsed))
        samples.sort()
        median = samples[len(samples) // 2]
        return (f"{median[2] * 1000:,.0f} ms, service CPU {median[0]:,.1f} us/event, median of {times} (all: "
                f"{', '.join(f'{s[0]:.1f}' for s in samples)}; sandbox process: {median[1]:,.1f} us/event)")

    out.append(f"uploadEvents, {n:,} events, no latency: "
               + cpu_per_event(lambda: bench.graphql(f"Cpu {run}", n), n, 5))
    if ingest:
        m = args.ingest_events
        out.append(f"ingest, {m:,} events, no latency: "
                   + cpu_per_event(lambda: bench.ingest(f"CpuIngest {run}", m)[0], m, 3))

    # throughput against CleverTap's limit at +latency
    lat = args.latency_ms
    bench.latency(lat)
    bench.reset_stats()
    elapsed = bench.graphql(f"Latency {run}", n)
    stats = bench.stats()
    requests = stats["requests"].get("POST /1/upload", 0)
    ideal = requests / 15 * lat / 1000
    out.append(f"uploadEvents, {n:,} events, +{lat} ms: {elapsed * 1000:,.0f} ms, {requests} upload requests, peak "
               f"{stats['peakInFlight'].get('upload')} in flight; ideal {ideal * 1000:,.0f} ms; ratio to ideal {ideal / elapsed:.2f}"
               f"{floor_note(requests, lat, elapsed)}")
    if ingest:
        m = args.ingest_events
        name = f"Ingest {run}"
        bench.reset_stats()
        time.sleep(1)
        rss_before = rss_mib(pid)
        peak = [rss_before]
        done = threading.Event()

        def sample():
            while not done.is_set():
                peak[0] = max(peak[0], rss_mib(pid))
                time.sleep(0.05)

        sampler = threading.Thread(target=sample)
        sampler.start()
        elapsed, summary, lines, size = bench.ingest(name, m)
        done.set()
        sampler.join()
        stats = bench.stats()
        requests = stats["requests"].get("POST /1/upload", 0)
        ideal = requests / 15 * lat / 1000
        floor = floor_note(requests, lat, elapsed)
        bench.latency(0)
        total, distinct = bench.stored(name)
        out.append(f"ingest, {m:,} events ({size / 1048576:.1f} MiB NDJSON), +{lat} ms: {elapsed * 1000:,.0f} ms, "
                   f"{requests} upload requests, peak {stats['peakInFlight'].get('upload')} in flight; ideal "
                   f"{ideal * 1000:,.0f} ms; ratio to ideal {ideal / elapsed:.2f}{floor}")
        out.append(f"  summary {json.dumps(summary)}, {lines} answer lines; sandbox stored {total:,} events, "
                   f"{distinct:,} distinct seq (exactly once: {total == m and distinct == m})")
        out.append(f"  service RSS before {rss_before:.1f} MiB, peak during {peak[0]:.1f} MiB "
                   f"(+{peak[0] - rss_before:.1f} MiB)")
    else:
        out.append("ingest: not served by this build (POST /ingest/events is not 200)")
    bench.latency(0)
    print("\n".join(out), flush=True)


if __name__ == "__main__":
    main()
