package dev.ctgraphql.sandbox;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sandbox keeps CleverTap's concurrency limits: requests answered 200 ms late (set at run time, so this class shares
 * the app of the other default-profile tests) pile up, and those past the limit get CleverTap's 429.
 */
@QuarkusTest
class SandboxConcurrencyTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TestHTTPResource("/sandbox")
    URI sandbox;

    @Inject
    SandboxStats stats;

    @Inject
    SandboxStore store;

    @Inject
    SandboxFaults faults;

    @BeforeEach
    void slowAnswers() {
        stats.reset();
        faults.reset();
        faults.setLatency(Duration.ofMillis(200));
    }

    @AfterEach
    void usualAnswers() {
        faults.reset();
    }

    @Test
    void aFourthConcurrentRequestGets429() {
        List<HttpResponse<String>> responses = fire(8, "/1/now.json", "{}");
        long ok = responses.stream().filter(r -> r.statusCode() == 200).count();
        List<HttpResponse<String>> refused = responses.stream().filter(r -> r.statusCode() == 429).toList();
        assertEquals(8, ok + refused.size());
        assertTrue(ok >= 3, ok + " answered");
        assertTrue(refused.size() >= 1, "none refused");
        assertEquals("{\"status\":\"fail\",\"error\":\"Too many concurrent requests\",\"code\":429}", refused.get(0).body());

        SandboxStats.Snapshot snapshot = stats.snapshot();
        assertEquals(3, snapshot.peakInFlight().get("other"));
        assertEquals(refused.size(), snapshot.rejected429());
        assertEquals(8, snapshot.requests("POST /1/now.json"));
        assertEquals(0, snapshot.inFlight().get("other"));
    }

    @Test
    void uploadsMayRunFifteenAtOnceWithoutBlockingThreads() {
        // a second per answer: all fifteen overlap even when a loaded machine sends them slowly (at 200 ms the first
        // could finish before the last arrived, and the peak seen was 14); one at a time they would take 15 s
        faults.setLatency(Duration.ofSeconds(1));
        long started = System.nanoTime();
        List<HttpResponse<String>> responses = fire(15, "/1/upload", "{\"d\":[]}");
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(responses.stream().allMatch(r -> r.statusCode() == 200), "all fifteen answered");
        assertTrue(millis >= 1000 && millis < 5000, millis + " ms");
        assertEquals(15, stats.snapshot().peakInFlight().get("upload"));

        stats.reset();
        List<HttpResponse<String>> more = fire(25, "/1/upload", "{\"d\":[]}");
        assertTrue(more.stream().anyMatch(r -> r.statusCode() == 429), "none refused");
        assertEquals(15, stats.snapshot().peakInFlight().get("upload"));
        assertEquals(0, stats.snapshot().peakInFlight().get("other"));
    }

    @Test
    void concurrentUploadsAreAllStored() {
        String name = SandboxApi.unique("Concurrent");
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            StringBuilder records = new StringBuilder();
            for (int j = 0; j < 20; j++) {
                records.append(j == 0 ? "" : ",").append("{\"type\":\"event\",\"identity\":\"c-").append(i).append('-')
                        .append(j).append("\",\"evtName\":\"").append(name).append("\",\"evtData\":{\"n\":").append(j)
                        .append("}}");
            }
            bodies.add("{\"d\":[" + records + "]}");
        }
        List<HttpResponse<String>> responses = fire("/1/upload", bodies);
        assertTrue(responses.stream().allMatch(r -> r.statusCode() == 200 && r.body().contains("\"processed\":20")));
        assertEquals(300, store.eventCount(name));
    }

    @Test
    void theLatencyCountsFromTheRequestsHeadAndTheAnswerComesOnlyOnceStored() throws Exception {
        // latency 500 ms, the head now, the body 700 ms later: CleverTap's answer time includes receiving the request, so
        // the answer comes once the record is stored, not another 500 ms after the body (it did before); never before 500 ms
        faults.setLatency(Duration.ofMillis(500));
        String name = SandboxApi.unique("Latency");
        byte[] body = ("{\"d\":[{\"type\":\"event\",\"identity\":\"lat-1\",\"evtName\":\"" + name
                + "\",\"evtData\":{}}]}").getBytes(StandardCharsets.UTF_8);
        String head = "POST " + sandbox.getPath() + "/1/upload HTTP/1.1\r\nHost: " + sandbox.getHost() + "\r\n"
                + "X-CleverTap-Account-Id: " + SandboxApi.ACCOUNT + "\r\nX-CleverTap-Passcode: " + SandboxApi.PASSCODE
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
        try (Socket socket = new Socket(sandbox.getHost(), sandbox.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            long started = System.nanoTime();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread.sleep(700);
            long bodySent = System.nanoTime();
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            int first = in.read();
            long answered = System.nanoTime();
            String answer = (char) first + new String(in.readAllBytes(), StandardCharsets.UTF_8);

            assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
            assertTrue(answer.contains("\"processed\":1"), answer);
            assertEquals(1, store.eventCount(name));
            long sinceHead = (answered - started) / 1_000_000;
            long sinceBody = (answered - bodySent) / 1_000_000;
            assertTrue(sinceHead >= 500, sinceHead + " ms after the head");
            assertTrue(sinceBody < 300, sinceBody + " ms after the body");
        }
    }

    private List<HttpResponse<String>> fire(int count, String path, String body) {
        return fire(path, Collections.nCopies(count, body));
    }

    private List<HttpResponse<String>> fire(String path, List<String> bodies) {
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (String body : bodies) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(sandbox + path)).timeout(Duration.ofSeconds(10))
                    .header("X-CleverTap-Account-Id", SandboxApi.ACCOUNT).header("X-CleverTap-Passcode", SandboxApi.PASSCODE)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
            calls.add(HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
        }
        return calls.stream().map(CompletableFuture::join).toList();
    }
}
