package dev.ctgraphql.event;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;
import jakarta.json.Json;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import dev.ctgraphql.GraphQLClient;
import dev.ctgraphql.sandbox.SandboxFaults;
import dev.ctgraphql.sandbox.SandboxStats;
import dev.ctgraphql.upstream.Uploads;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * Upload throughput against CleverTap's own limit. Not part of the test suite (the class name does not end in Test);
 * run it with {@code bench/upload.sh}.
 *
 * <p>
 * 100,000 events are uploaded (two concurrent mutations of 50,000) to the sandbox adding 50 ms to every answer. The
 * ideal is what CleverTap's limit allows: request count / 15 concurrent x 50 ms. The same upload with no added latency,
 * measured in the same run, shows this service's own cost (GraphQL parsing, validation, JSON, the sandbox's storing).
 */
@QuarkusTest
class UploadBenchmark {

    private static final Logger LOG = Logger.getLogger(UploadBenchmark.class);
    static final int EVENTS = 100_000;
    static final int PER_MUTATION = 50_000;
    static final Duration LATENCY = Duration.ofMillis(50);

    @Inject
    SandboxFaults faults;
    @Inject
    SandboxStats stats;
    @Inject
    EventClient client;

    @TestHTTPResource("/graphql")
    URI endpoint;

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void reset() {
        faults.reset();
    }

    @Test
    void uploadThroughputAgainstTheIdeal() throws IOException, InterruptedException {
        upload(10_000, Duration.ZERO); // warm-up
        Run noLatency = upload(EVENTS, Duration.ZERO);
        Run withLatency = upload(EVENTS, LATENCY);
        Run flowOnly = sendOnly(EVENTS, LATENCY);

        double idealMillis = withLatency.requests / 15.0 * LATENCY.toMillis();
        String report = String.format(Locale.ROOT, """
                Upload benchmark: %,d events, %d-record chunks, CleverTap limit 15 concurrent uploads
                  sandbox latency 50 ms: %,d upload requests, peak %d in flight, %,.0f ms, %,.0f events/s
                  ideal (requests / 15 x 50 ms): %,.0f ms
                  throughput as a ratio to the ideal: %.2f
                  same upload with no added latency (this service's own cost): %,.0f ms, %,.0f events/s
                  chunking and flow control alone (records built in advance, no GraphQL), 50 ms: %,.0f ms, ratio %.2f
                """, EVENTS, 1000, withLatency.requests, withLatency.peak, withLatency.millis,
                EVENTS / withLatency.millis * 1000, idealMillis, idealMillis / withLatency.millis, noLatency.millis,
                EVENTS / noLatency.millis * 1000, flowOnly.millis, idealMillis / flowOnly.millis);
        Path out = Path.of("target", "benchmarks", "upload.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        LOG.info("\n" + report);
        assertThat(withLatency.peak <= 15, equalTo(true));
    }

    private record Run(double millis, long requests, int peak) {
    }

    /** The same upload below GraphQL: EventClient.upload with records built before the clock starts. */
    private Run sendOnly(int count, Duration latency) {
        String name = "Benchmark " + UUID.randomUUID().toString().substring(0, 8);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).withNano(0);
        List<Uploads.Item> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            items.add(new Uploads.Item(i, new EventInput("user-" + (i % 1000 + 1), null, name, now.minusSeconds(i % 600),
                    Json.createObjectBuilder().add("seq", i).add("Amount", i % 97).add("Currency", "USD").build()).toRecord()));
        }
        faults.setLatency(latency);
        stats.reset();
        long start = System.nanoTime();
        Uploads.Outcome outcome = client.upload(items, false).await().atMost(Duration.ofMinutes(5));
        double millis = (System.nanoTime() - start) / 1e6;
        faults.reset();
        assertThat(outcome.accepted(), equalTo(count));
        SandboxStats.Snapshot snapshot = stats.snapshot();
        return new Run(millis, snapshot.requests("POST /1/upload"), snapshot.peakInFlight().get("upload"));
    }

    private Run upload(int count, Duration latency) throws IOException, InterruptedException {
        String name = "Benchmark " + UUID.randomUUID().toString().substring(0, 8);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).withNano(0);
        // request bodies are built before the clock starts: the client's own cost is not measured
        List<byte[]> bodies = new ArrayList<>();
        for (int from = 0; from < count; from += PER_MUTATION) {
            List<Map<String, Object>> events = new ArrayList<>();
            for (int i = from; i < Math.min(count, from + PER_MUTATION); i++) {
                events.add(Map.of("identity", "user-" + (i % 1000 + 1), "name", name,
                        "occurredAt", now.minusSeconds(i % 600).toString(),
                        "properties", Map.of("seq", i, "Amount", i % 97, "Currency", "USD")));
            }
            bodies.add(JSON.writeValueAsBytes(Map.of("query", GraphQLClient.document("uploadEvents"),
                    "variables", Map.of("events", events))));
        }
        faults.setLatency(latency);
        stats.reset();
        long start = System.nanoTime();
        List<CompletableFuture<HttpResponse<byte[]>>> answers = new ArrayList<>();
        for (byte[] body : bodies) {
            answers.add(http.sendAsync(HttpRequest.newBuilder(endpoint).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray()));
        }
        int accepted = 0;
        for (CompletableFuture<HttpResponse<byte[]>> answer : answers) {
            accepted += JSON.readTree(answer.join().body()).path("data").path("uploadEvents").path("accepted").asInt();
        }
        double millis = (System.nanoTime() - start) / 1e6;
        faults.reset();
        assertThat(accepted, equalTo(count));
        SandboxStats.Snapshot snapshot = stats.snapshot();
        return new Run(millis, snapshot.requests("POST /1/upload"), snapshot.peakInFlight().get("upload"));
    }
}
