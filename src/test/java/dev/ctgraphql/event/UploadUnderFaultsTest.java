package dev.ctgraphql.event;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import dev.ctgraphql.GraphQLClient;
import dev.ctgraphql.sandbox.SandboxFaults;
import dev.ctgraphql.sandbox.SandboxStats;
import dev.ctgraphql.sandbox.SandboxStore;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

/**
 * 25,000 events, some invalid, uploaded through a sandbox that answers a fifth of all requests with 429 or 503: every
 * valid event is stored exactly once, every invalid one is reported at its index with CleverTap's code, and no more than
 * 15 uploads were ever in flight.
 */
@QuarkusTest
class UploadUnderFaultsTest {

    static final int EVENTS = 25_000;

    @Inject
    SandboxFaults faults;
    @Inject
    SandboxStats stats;
    @Inject
    SandboxStore store;

    @AfterEach
    void calmTheSandbox() {
        faults.reset();
    }

    @Test
    void everyValidEventIsStoredOnceAndEveryInvalidOneIsReportedAtItsIndex() {
        String name = "Bulk Test " + UUID.randomUUID().toString().substring(0, 8);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).withNano(0);
        List<Map<String, Object>> events = new ArrayList<>(EVENTS);
        Map<Integer, Integer> expectedRejections = new TreeMap<>();
        for (int i = 0; i < EVENTS; i++) {
            Map<String, Object> event = new HashMap<>();
            event.put("identity", "user-" + (i % 1000 + 1));
            event.put("name", name);
            event.put("occurredAt", now.minusSeconds(i % 600).toString());
            event.put("properties", Map.of("seq", i, "Amount", i % 50));
            if (i % 97 == 5) {
                event.remove("identity");
                expectedRejections.put(i, 523);
            } else if (i % 101 == 7) {
                event.put("name", " ");
                expectedRejections.put(i, 509);
            } else if (i % 113 == 11) {
                event.put("occurredAt", "1990-01-01T00:00:00Z");
                expectedRejections.put(i, 525);
            }
            events.add(event);
        }
        int valid = EVENTS - expectedRejections.size();
        stats.reset();
        faults.setFaultRate(0.2);

        JsonPath result = GraphQLClient.run("uploadEvents", "events", events);

        faults.reset();
        assertThat(result.getString("data.uploadEvents.status"), equalTo("PARTIAL"));
        assertThat(result.getInt("data.uploadEvents.accepted"), equalTo(valid));
        List<Integer> indexes = result.getList("data.uploadEvents.rejected.index");
        List<Integer> codes = result.getList("data.uploadEvents.rejected.code");
        Map<Integer, Integer> reported = new TreeMap<>();
        for (int i = 0; i < indexes.size(); i++) {
            reported.put(indexes.get(i), codes.get(i));
        }
        assertThat(reported, equalTo(expectedRejections));

        SandboxStats.Snapshot snapshot = stats.snapshot();
        assertThat("faults were injected", snapshot.faults(), greaterThan(0L));
        assertThat(snapshot.peakInFlight().get("upload"), lessThanOrEqualTo(15));
        assertThat("our own load never earned a concurrency 429", snapshot.rejected429(), equalTo(0L));
        assertThat(store.eventCount(name), equalTo((long) valid));

        // read everything back: each valid sequence number exactly once
        List<Integer> sequences = StoredSequences.of(name);
        Set<Integer> seen = new HashSet<>(sequences);
        int total = sequences.size();
        assertThat(total, equalTo(valid));
        assertThat(seen.size(), equalTo(valid));
        expectedRejections.keySet()
                .forEach(i -> assertThat("invalid event " + i + " was stored", seen.contains(i), equalTo(false)));
    }
}
