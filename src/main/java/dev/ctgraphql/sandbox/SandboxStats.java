package dev.ctgraphql.sandbox;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** What the sandbox received (per {@code "METHOD /path"}), its peak concurrency and its refusals; also served as {@code GET /sandbox/_stats}. */
@ApplicationScoped
public class SandboxStats {

    private final ConcurrentMap<String, LongAdder> requests = new ConcurrentHashMap<>();
    private final LongAdder rejected429 = new LongAdder();
    private final LongAdder faults = new LongAdder();
    private final SandboxLimits limits;

    SandboxStats(SandboxLimits limits) {
        this.limits = limits;
    }

    /** A copy of the counters as they are now. */
    public Snapshot snapshot() {
        Map<String, Long> counts = new TreeMap<>();
        requests.forEach((key, adder) -> counts.put(key, adder.sum()));
        Map<String, Integer> peaks = new LinkedHashMap<>();
        Map<String, Integer> current = new LinkedHashMap<>();
        for (SandboxLimits.Kind kind : SandboxLimits.Kind.values()) {
            peaks.put(kind.label(), limits.peak(kind));
            current.put(kind.label(), limits.inFlight(kind));
        }
        return new Snapshot(Collections.unmodifiableMap(counts), Collections.unmodifiableMap(peaks),
                Collections.unmodifiableMap(current), rejected429.sum(), faults.sum());
    }

    /** Forgets the counted requests, refusals and faults; peaks restart from what is in flight now. */
    public void reset() {
        requests.clear();
        rejected429.reset();
        faults.reset();
        limits.resetPeaks();
    }

    void request(String key) {
        requests.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    void rejected() {
        rejected429.increment();
    }

    void fault() {
        faults.increment();
    }

    static ObjectNode toJson(Snapshot snapshot) {
        ObjectNode json = SandboxJson.object();
        ObjectNode counts = json.putObject("requests");
        snapshot.requests().forEach(counts::put);
        ObjectNode peaks = json.putObject("peakInFlight");
        snapshot.peakInFlight().forEach(peaks::put);
        ObjectNode current = json.putObject("inFlight");
        snapshot.inFlight().forEach(current::put);
        json.put("rejected429", snapshot.rejected429());
        json.put("faults", snapshot.faults());
        return json;
    }

    /**
     * Counters at one moment: requests per {@code "METHOD /path"} (CleverTap's path, without {@code /sandbox}), peak and
     * current in-flight requests per limit class ({@code upload}, {@code other}), 429 refusals (concurrency and rate
     * limits, not injected faults) and injected faults.
     */
    public record Snapshot(Map<String, Long> requests, Map<String, Integer> peakInFlight, Map<String, Integer> inFlight,
            long rejected429, long faults) {

        /** How many requests had this key, e.g. {@code "POST /1/upload"}. */
        public long requests(String key) {
            return requests.getOrDefault(key, 0L);
        }
    }
}
