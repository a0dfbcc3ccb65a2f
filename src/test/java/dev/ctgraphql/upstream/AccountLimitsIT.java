package dev.ctgraphql.upstream;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.ctgraphql.GraphQLClient;
import dev.ctgraphql.ItApiKeys;
import dev.ctgraphql.PackagedApp;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

/**
 * Four replicas of the packaged application on one redis-server and one CleverTap stand-in (the sandbox, in a fifth
 * process of the same build, which answers 429 past CleverTap's limits and counts what it received): under a mixed
 * cold load from all four, CleverTap sees at most 3 requests and 15 uploads at once and refuses nothing, every answer is
 * complete and every uploaded record is stored once; the same when one replica is killed ({@code kill -9}) mid-load.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AccountLimitsIT {

    static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    static final String ACCOUNT_ID = "W8R-K46-ZZ5Z";
    static final String PASSCODE = "QWE-ASD-ZXCV-7f3a9c";
    static final int REPLICAS = 4;
    static final int COUNTS = 120;
    static final int EVENTS_PER_UPLOAD = 8000;
    static final String[] EVENTS = {"App Launched", "Charged", "Product Viewed"};
    static final Duration LOAD = Duration.ofSeconds(90);
    static final ObjectMapper JSON = new ObjectMapper();
    static final Pattern IN_FLIGHT = Pattern.compile("(?m)^clevertap_limiter_in_flight\\{class=\"other\"} ([0-9.]+)$");
    /** Small, quick-starting JVMs: five of them share the build machine. */
    static final List<String> JVM = List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    static RedisServerResource redis;
    static PackagedApp cleverTap;
    static final List<PackagedApp> replicas = new ArrayList<>();
    static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void startEverything() throws Exception {
        redis = new RedisServerResource();
        redis.start();
        String apiKeys = System.getProperty("it.api-keys");
        int standInPort = RedisServerResource.freePort();
        cleverTap = PackagedApp.start("account-limits-clevertap", standInPort, Map.of(
                "clevertap.sandbox.enabled", "true",
                "clevertap.account-id", ACCOUNT_ID,
                "clevertap.passcode", PASSCODE,
                // CleverTap takes its time: requests overlap, so a limit that is not kept shows
                "clevertap.sandbox.latency", "40ms",
                "clevertap-graphql.auth.api-keys", apiKeys), JVM);
        for (int i = 0; i < REPLICAS; i++) {
            replicas.add(PackagedApp.start("account-limits-replica-" + i, RedisServerResource.freePort(), Map.of(
                    "clevertap.base-url", "http://127.0.0.1:" + standInPort + "/sandbox",
                    "clevertap.account-id", ACCOUNT_ID,
                    "clevertap.passcode", PASSCODE,
                    "clevertap.shared-cache.redis-url", redis.url(),
                    // a count answers PENDING after this; the load here is about limits, not about how long 120 counts
                    // take through 3 permits on a busy build machine
                    "clevertap.counts.deadline", "60s",
                    "clevertap-graphql.auth.api-keys", apiKeys), JVM));
        }
        cleverTap.awaitReady();
        for (PackagedApp replica : replicas) {
            replica.awaitReady();
        }
    }

    @AfterAll
    static void stopEverything() throws InterruptedException {
        for (PackagedApp replica : replicas) {
            replica.stop();
        }
        if (cleverTap != null) {
            cleverTap.stop();
        }
        if (redis != null) {
            redis.stop();
        }
    }

    @BeforeEach
    void cleverTapHasSeenNothing() throws Exception {
        send(HttpRequest.newBuilder(uri(cleverTap.port(), "/sandbox/_stats")).DELETE()).join();
    }

    @Test
    @Order(1)
    void fourReplicasUnderAMixedColdLoadKeepTheAccountsLimits() throws Exception {
        Load load = start(1);

        for (CompletableFuture<HttpResponse<String>> count : load.counts) {
            assertCompleteCount(count.get(LOAD.toSeconds(), TimeUnit.SECONDS));
        }
        for (int k = 0; k < REPLICAS; k++) {
            assertAllAccepted(load.uploads.get(k).get(LOAD.toSeconds(), TimeUnit.SECONDS));
        }

        JsonNode stats = stats("mixed-load");
        assertThat("CleverTap refused nothing", stats.path("rejected429").asLong(), equalTo(0L));
        assertThat(stats.path("peakInFlight").path("other").asInt(), lessThanOrEqualTo(3));
        assertThat(stats.path("peakInFlight").path("upload").asInt(), lessThanOrEqualTo(15));
        assertThat("every count reached CleverTap", stats.path("requests").path("POST /1/counts/events.json").asLong(),
                greaterThanOrEqualTo((long) COUNTS));
        for (int k = 0; k < REPLICAS; k++) {
            assertThat("every record of upload " + k + " stored once", stored(1, k), equalTo((long) EVENTS_PER_UPLOAD));
        }
    }

    @Test
    @Order(2)
    void theOthersFinishWhenAReplicaIsKilledMidLoad() throws Exception {
        Load load = start(2);
        PackagedApp victim = replicas.get(REPLICAS - 1);
        long deadline = System.nanoTime() + LOAD.toNanos();
        // mid-load: CleverTap has seen a part of the counts, and the victim holds a permit that it will never give back
        while (stats().path("requests").path("POST /1/counts/events.json").asLong() < COUNTS / 4
                || inFlight(victim) == 0) {
            assertThat("the load got going", System.nanoTime() < deadline, equalTo(true));
            Thread.sleep(20);
        }
        victim.kill();

        for (int i = 0; i < COUNTS; i++) {
            if (i % REPLICAS != REPLICAS - 1) {
                assertCompleteCount(load.counts.get(i).get(LOAD.toSeconds(), TimeUnit.SECONDS));
            }
        }
        for (int k = 0; k < REPLICAS - 1; k++) {
            assertAllAccepted(load.uploads.get(k).get(LOAD.toSeconds(), TimeUnit.SECONDS));
        }

        JsonNode stats = stats("one-killed");
        assertThat("CleverTap refused nothing", stats.path("rejected429").asLong(), equalTo(0L));
        assertThat(stats.path("peakInFlight").path("other").asInt(), lessThanOrEqualTo(3));
        assertThat(stats.path("peakInFlight").path("upload").asInt(), lessThanOrEqualTo(15));
        for (int k = 0; k < REPLICAS - 1; k++) {
            assertThat("every record of upload " + k + " stored once", stored(2, k), equalTo((long) EVENTS_PER_UPLOAD));
        }
        assertThat("what the killed replica sent was stored at most once", stored(2, REPLICAS - 1),
                lessThanOrEqualTo((long) EVENTS_PER_UPLOAD));
        replicas.remove(victim);
    }

    /** Requests in flight: {@code COUNTS} distinct counts and one upload per replica, spread over the replicas. */
    private record Load(List<CompletableFuture<HttpResponse<String>>> counts,
            List<CompletableFuture<HttpResponse<String>>> uploads) {
    }

    private Load start(int run) {
        List<CompletableFuture<HttpResponse<String>>> uploads = new ArrayList<>();
        for (int k = 0; k < REPLICAS; k++) {
            uploads.add(graphql(replicas.get(k).port(), "uploadEvents", Map.of("events", events(run, k))));
        }
        List<CompletableFuture<HttpResponse<String>>> counts = new ArrayList<>();
        for (int i = 0; i < COUNTS; i++) {
            // distinct per count and per run: nothing is answered from a cache
            Map<String, Object> range = Map.of("from", TODAY.minusDays(10 + i / EVENTS.length).toString(),
                    "to", TODAY.minusDays(run).toString());
            counts.add(graphql(replicas.get(i % REPLICAS).port(), "eventCount",
                    Map.of("query", Map.of("eventName", EVENTS[i % EVENTS.length], "range", range))));
        }
        return new Load(counts, uploads);
    }

    private static List<Map<String, Object>> events(int run, int upload) {
        String occurredAt = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(5).withNano(0).toString();
        List<Map<String, Object>> events = new ArrayList<>(EVENTS_PER_UPLOAD);
        for (int j = 0; j < EVENTS_PER_UPLOAD; j++) {
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("identity", "scale-" + (j % 500));
            event.put("name", eventName(run, upload));
            event.put("occurredAt", occurredAt);
            event.put("properties", Map.of("seq", j));
            events.add(event);
        }
        return events;
    }

    private static String eventName(int run, int upload) {
        return "Scale Out " + run + "-" + upload;
    }

    /** How many events of an upload CleverTap stored, asked of the stand-in's own service (not through a replica). */
    private long stored(int run, int upload) throws Exception {
        Map<String, Object> query = Map.of("eventName", eventName(run, upload), "range",
                Map.of("from", TODAY.minusDays(1).toString(), "to", TODAY.toString()));
        JsonNode answer = JSON.readTree(graphql(cleverTap.port(), "eventCount", Map.of("query", query))
                .get(LOAD.toSeconds(), TimeUnit.SECONDS).body());
        assertThat(answer.path("errors").isMissingNode(), equalTo(true));
        assertThat(answer.path("data").path("eventCount").path("status").asText(), equalTo("COMPLETE"));
        return answer.path("data").path("eventCount").path("value").asLong();
    }

    private static void assertCompleteCount(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode(), equalTo(200));
        JsonNode answer = JSON.readTree(response.body());
        assertThat(response.body(), answer.path("errors").isMissingNode(), equalTo(true));
        assertThat(response.body(), answer.path("data").path("eventCount").path("status").asText(), equalTo("COMPLETE"));
    }

    private static void assertAllAccepted(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode(), equalTo(200));
        JsonNode answer = JSON.readTree(response.body());
        JsonNode result = answer.path("data").path("uploadEvents");
        assertThat(answer.path("errors").isMissingNode(), equalTo(true));
        List<JsonNode> rejected = new ArrayList<>();
        result.path("rejected").forEach(rejected::add);
        assertThat(rejected.isEmpty() ? "" : rejected.get(0).toString(), rejected, empty());
        assertThat(result.path("accepted").asInt(), equalTo(EVENTS_PER_UPLOAD));
    }

    /** Requests the replica has in flight to CleverTap, by its metrics. */
    private static int inFlight(PackagedApp replica) throws Exception {
        String metrics = send(HttpRequest.newBuilder(uri(replica.port(), "/q/metrics")).GET()).get(10, TimeUnit.SECONDS)
                .body();
        Matcher found = IN_FLIGHT.matcher(metrics);
        return found.find() ? (int) Double.parseDouble(found.group(1)) : 0;
    }

    /** What the stand-in saw, also kept as {@code account-limits-<name>.json} in the build folder for a look afterwards. */
    private JsonNode stats(String name) throws Exception {
        JsonNode stats = stats();
        Files.writeString(PackagedApp.buildDir().resolve("account-limits-" + name + ".json"), stats.toPrettyString());
        return stats;
    }

    private JsonNode stats() throws Exception {
        return JSON.readTree(send(HttpRequest.newBuilder(uri(cleverTap.port(), "/sandbox/_stats")).GET())
                .get(10, TimeUnit.SECONDS).body());
    }

    private static CompletableFuture<HttpResponse<String>> graphql(int port, String document, Map<String, Object> variables) {
        try {
            String body = JSON.writeValueAsString(Map.of("query", GraphQLClient.document(document), "variables", variables));
            return send(HttpRequest.newBuilder(uri(port, "/graphql"))
                    .header("Content-Type", "application/json")
                    .header("X-API-Key", ItApiKeys.ADMIN)
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static CompletableFuture<HttpResponse<String>> send(HttpRequest.Builder request) {
        return http.sendAsync(request.timeout(LOAD).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(int port, String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
