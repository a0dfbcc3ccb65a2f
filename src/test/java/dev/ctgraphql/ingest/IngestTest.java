package dev.ctgraphql.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

import dev.ctgraphql.GraphQLClient;
import dev.ctgraphql.sandbox.SandboxFaults;
import dev.ctgraphql.sandbox.SandboxStats;
import dev.ctgraphql.sandbox.SandboxStore;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.startsWith;

/** The NDJSON ingest endpoints against the sandbox: what was stored, the answer lines, malformed lines, gzip, streaming. */
@QuarkusTest
class IngestTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NDJSON = "application/x-ndjson; charset=utf-8";

    @Inject
    SandboxStore store;
    @Inject
    SandboxStats stats;
    @Inject
    SandboxFaults faults;

    @TestHTTPResource("/ingest/events")
    URI eventsUri;

    private String name;
    private final OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).withNano(0);

    @BeforeEach
    void freshName() {
        name = "Ingest " + UUID.randomUUID().toString().substring(0, 8);
        stats.reset();
    }

    @AfterEach
    void calmTheSandbox() {
        faults.reset();
    }

    @Test
    void validEventsAreStoredAndEveryOtherLineIsAnsweredAtItsIndex() throws IOException {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 2500; i++) {
            String line = switch (i) {
                case 3 -> "{\"identity\":\"u-3\",\"name\":\"App Installed\"}";
                case 10 -> "{\"identity\":\"u-10\",\"name\":\"" + name + "\",\"occurredAt\":\"last tuesday\"}";
                case 11 -> "{not json";
                case 12 -> "{\"identity\":\"u-12\",\"name\":7}";
                case 13 -> "{\"identity\":\"u-13\",\"name\":\"" + name + "\",\"colour\":\"red\"}";
                case 14 -> "[1,2]";
                case 15 -> "{\"name\":\"" + name + "\"}";
                default -> event(i);
            };
            body.append(line).append(i % 500 == 0 ? "\r\n\n" : "\n");
        }

        List<JsonNode> answer = post(body.toString().getBytes(StandardCharsets.UTF_8), null);

        assertThat(answer.size(), equalTo(8));
        assertLine(answer.get(0), 3, 513, "events[3].name 'App Installed' is a restricted system event");
        assertLine(answer.get(1), 10, 400, "events[10].occurredAt: 'last tuesday' is not an ISO date-time with offset");
        assertLine(answer.get(2), 11, 400, "events[11]: is not valid JSON");
        assertLine(answer.get(3), 12, 400, "events[12].name: must be a string");
        assertLine(answer.get(4), 13, 400, "events[13].colour: is not a field of EventInput");
        assertLine(answer.get(5), 14, 400, "events[14]: must be a EventInput object");
        assertLine(answer.get(6), 15, 523, "events[15].one of identity, objectId, fbid or gpid is required");
        assertThat(answer.get(7).toString(),
                equalTo("{\"summary\":{\"received\":2500,\"accepted\":2493,\"rejected\":7,\"unconfirmed\":0}}"));
        assertThat(store.eventCount(name), equalTo(2493L));
        assertThat(stats.snapshot().requests("POST /1/upload"), equalTo(3L));
    }

    @Test
    void aGzipBodyIsReadAsItArrives() throws IOException {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 1200; i++) {
            lines.append(event(i)).append('\n');
        }
        // two gzip members, as concatenated files are
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String all = lines.toString();
        int half = all.indexOf('\n', all.length() / 2) + 1;
        body.write(gzip(all.substring(0, half)));
        body.write(gzip(all.substring(half)));

        List<JsonNode> answer = post(body.toByteArray(), "gzip");

        assertThat(answer.get(answer.size() - 1).toString(),
                equalTo("{\"summary\":{\"received\":1200,\"accepted\":1200,\"rejected\":0,\"unconfirmed\":0}}"));
        assertThat(store.eventCount(name), equalTo(1200L));
    }

    @Test
    void aCorruptGzipBodyStopsWhereItBreaksAndSaysSo() throws IOException {
        byte[] body = gzip(event(0) + "\n" + event(1) + "\n");
        body[body.length - 3] ^= 0x55; // the length in the trailer

        List<JsonNode> answer = post(body, "gzip");

        assertThat(answer.get(0).path("error").path("code").asText(), equalTo("BAD_USER_INPUT"));
        assertThat(answer.get(0).path("error").path("message").asText(), containsString("gzip"));
        assertThat(answer.get(1).path("summary").path("received").asInt(), equalTo(2));
    }

    @Test
    void profilesAndDeviceTokensGoThroughTheirOwnEndpoints() throws IOException {
        String identity = "ingest-" + UUID.randomUUID().toString().substring(0, 8);
        String body = "{\"identity\":\"" + identity + "\",\"name\":\"Ingested Person\",\"email\":\"" + identity
                + "@example.com\",\"gender\":\"FEMALE\",\"pushOptIn\":true,\"properties\":{\"Plan\":\"gold\"}}\n"
                + "{\"identity\":\"x\",\"email\":\"not an email\"}\n"
                + "{\"identity\":\"y\",\"gender\":\"OTHER\"}\n";

        Response response = given().contentType(NDJSON).body(body.getBytes(StandardCharsets.UTF_8)).post("/ingest/profiles");

        response.then().statusCode(200).contentType(startsWith("application/x-ndjson"));
        List<JsonNode> answer = lines(response.asString());
        assertLine(answer.get(0), 1, 515, "profiles[1].email 'not an email' is not an email address");
        assertLine(answer.get(1), 2, 400, "profiles[2].gender: 'OTHER' is not one of MALE, FEMALE");
        assertThat(answer.get(2).path("summary").path("accepted").asInt(), equalTo(1));
        JsonPath profile = GraphQLClient.run("profile", "identity", identity);
        assertThat(profile.getString("data.profile.name"), equalTo("Ingested Person"));
        assertThat(profile.getString("data.profile.email"), equalTo(identity + "@example.com"));

        List<JsonNode> tokens = lines(given().contentType(NDJSON)
                .body("{\"objectId\":\"__gnobody\",\"token\":\"tok-x\",\"type\":\"FCM\"}\n{\"objectId\":\"__gnobody\"}\n"
                        .getBytes(StandardCharsets.UTF_8))
                .post("/ingest/device-tokens").then().statusCode(200).extract().asString());
        assertLine(tokens.get(0), 0, 530, null);
        assertLine(tokens.get(1), 1, 400, "tokens[1].token: is required");
        assertThat(tokens.get(2).path("summary").path("rejected").asInt(), equalTo(2));
    }

    @Test
    void anotherContentTypeOrEncodingIsRefusedBeforeAnythingIsSent() {
        given().contentType("application/json").body(event(0).getBytes(StandardCharsets.UTF_8)).post("/ingest/events")
                .then().statusCode(415).body("message", containsString("application/x-ndjson"));
        given().contentType("application/x-ndjson; charset=ISO-8859-1").body(event(0).getBytes(StandardCharsets.UTF_8))
                .post("/ingest/events").then().statusCode(415).body("message", containsString("UTF-8"));
        given().contentType(NDJSON).header("Content-Encoding", "br").body(event(0).getBytes(StandardCharsets.UTF_8))
                .post("/ingest/events").then().statusCode(415).body("message", containsString("gzip"));

        assertThat(stats.snapshot().requests("POST /1/upload"), equalTo(0L));
        assertThat(store.eventCount(name), equalTo(0L));
    }

    /** Over quarkus.http.limits.max-body-size (16M), with a Content-Length: ingest bodies have no cap. */
    @Test
    void aBodyLargerThanTheHttpBodyLimitIsRead() throws IOException {
        String padding = "x".repeat(400);
        StringBuilder body = new StringBuilder();
        int count = 0;
        while (body.length() <= 17 * 1024 * 1024) {
            body.append("{\"identity\":\"user-").append(count % 100).append("\",\"name\":\"").append(name)
                    .append("\",\"properties\":{\"pad\":\"").append(padding).append("\"}}\n");
            count++;
        }

        List<JsonNode> answer = post(body.toString().getBytes(StandardCharsets.UTF_8), null);

        assertThat(answer.get(0).path("summary").path("accepted").asInt(), equalTo(count));
        assertThat(store.eventCount(name), equalTo((long) count));
    }

    @Test
    void anEmptyBodyAnswersAnEmptySummary() throws IOException {
        List<JsonNode> answer = post(new byte[0], null);

        assertThat(answer.get(0).toString(),
                equalTo("{\"summary\":{\"received\":0,\"accepted\":0,\"rejected\":0,\"unconfirmed\":0}}"));
    }

    /**
     * A body larger than any one read, streamed by the client while CleverTap is slow: the first chunks reach CleverTap
     * before the last line has been written, never more than 15 at once, and every event is stored exactly once.
     */
    @Test
    void aLargeBodyIsSentWhileItIsStillArriving() throws Exception {
        int count = 40_000;
        faults.setLatency(Duration.ofMillis(30));
        AtomicLong uploadsBeforeLastLine = new AtomicLong(-1);
        InputStream lines = new InputStream() {
            private int next;
            private byte[] current = new byte[0];
            private int at;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                if (at == current.length) {
                    if (next == count) {
                        return -1;
                    }
                    if (next == count - 1) {
                        // the last line is held back until CleverTap has seen uploads, for at most 10 s: a service
                        // that waited for the whole body would never send any while this waits
                        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                        while (stats.snapshot().requests("POST /1/upload") < 20 && System.nanoTime() < deadline) {
                            Thread.onSpinWait();
                        }
                        uploadsBeforeLastLine.set(stats.snapshot().requests("POST /1/upload"));
                    }
                    current = (event(next++) + "\n").getBytes(StandardCharsets.UTF_8);
                    at = 0;
                }
                int n = Math.min(length, current.length - at);
                System.arraycopy(current, at, buffer, offset, n);
                at += n;
                return n;
            }
        };
        HttpRequest.Builder request = HttpRequest.newBuilder(eventsUri).header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> lines));
        String key = dev.ctgraphql.ItApiKeys.sentKey();
        if (key != null) {
            request.header("X-API-Key", key);
        }

        HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode(), equalTo(200));
        assertThat(response.body().strip(),
                equalTo("{\"summary\":{\"received\":40000,\"accepted\":40000,\"rejected\":0,\"unconfirmed\":0}}"));
        assertThat("chunks were sent before the last line was read", uploadsBeforeLastLine.get(), greaterThan(19L));
        SandboxStats.Snapshot snapshot = stats.snapshot();
        assertThat(snapshot.requests("POST /1/upload"), equalTo(40L));
        assertThat(snapshot.peakInFlight().get("upload"), lessThanOrEqualTo(15));
        assertThat(store.eventCount(name), equalTo((long) count));
    }

    private String event(int i) {
        return "{\"identity\":\"user-" + (i % 100 + 1) + "\",\"name\":\"" + name + "\",\"occurredAt\":\""
                + now.minusSeconds(i % 600) + "\",\"properties\":{\"seq\":" + i + "}}";
    }

    private List<JsonNode> post(byte[] body, String encoding) throws IOException {
        var request = given().contentType(NDJSON).body(body);
        if (encoding != null) {
            request.header("Content-Encoding", encoding);
        }
        Response response = request.post("/ingest/events");
        response.then().statusCode(200).contentType(startsWith("application/x-ndjson"));
        return lines(response.asString());
    }

    /** The answer's lines: records not stored by index (they come as their fate is known), then the rest in order. */
    private static List<JsonNode> lines(String body) throws IOException {
        List<JsonNode> records = new ArrayList<>();
        List<JsonNode> others = new ArrayList<>();
        for (String line : body.split("\n")) {
            if (!line.isBlank()) {
                JsonNode json = JSON.readTree(line);
                (json.has("index") ? records : others).add(json);
            }
        }
        records.sort(Comparator.comparingInt(line -> line.path("index").asInt()));
        records.addAll(others);
        return records;
    }

    private static void assertLine(JsonNode line, int index, Integer code, String message) {
        assertThat(line.toString(), line.path("index").asInt(), equalTo(index));
        assertThat(line.toString(), line.path("code").isNull() ? null : line.path("code").asInt(), equalTo(code));
        if (message != null) {
            assertThat(line.path("message").asText(), equalTo(message));
        }
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }
}
