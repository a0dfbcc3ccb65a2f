package dev.ctgraphql.graphql.http;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;

import dev.ctgraphql.ItApiKeys;

import static dev.ctgraphql.graphql.http.HttpCalls.EVENT_COUNT;
import static dev.ctgraphql.graphql.http.HttpCalls.GRAPHQL_RESPONSE;
import static dev.ctgraphql.graphql.http.HttpCalls.launches;
import static dev.ctgraphql.graphql.http.HttpCalls.post;
import static dev.ctgraphql.graphql.http.HttpCalls.upstreamRequests;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Hostile documents and variables: each is refused with 400 (the GraphQL response media type) and a message naming
 * the limit, nothing reaches CleverTap, and the service answers a normal query right after.
 */
@QuarkusTest
class HostileInputTest {

    @BeforeEach
    void reset() {
        HttpCalls.resetUpstream();
    }

    private static void refused(String query, String why) {
        refused(Map.of("query", query), why);
    }

    private static void refused(Map<String, Object> body, String why) {
        int before = upstreamRequests();
        Response response = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> post(body, GRAPHQL_RESPONSE));
        response.then().statusCode(400)
                .body("errors[0].extensions.code", equalTo("BAD_USER_INPUT"))
                .body("errors[0].message", containsString(why));
        assertThat(upstreamRequests(), is(before));
        // still up and answering
        post(Map.of("query", EVENT_COUNT, "variables", launches()), GRAPHQL_RESPONSE).then().statusCode(200)
                .body("data.eventCount.status", equalTo("COMPLETE"));
    }

    @Test
    void aDeepQueryIsRefused() {
        String deep = "{ a ".repeat(12) + "}".repeat(12);
        refused(deep, "levels are accepted");
    }

    @Test
    void anAliasBombIsRefused() {
        StringBuilder aliases = new StringBuilder("{ campaigns(range: {from: \"2026-01-01\", to: \"2026-01-31\"}) { ");
        for (int i = 0; i < 200; i++) {
            aliases.append("a").append(i).append(": id ");
        }
        refused(aliases.append("} }").toString(), "aliases");
    }

    @Test
    void tooManyRootFieldsAreRefused() {
        StringBuilder wide = new StringBuilder("{ ");
        for (int i = 0; i < 40; i++) {
            wide.append("t").append(i).append(": __typename ");
        }
        refused(wide.append("}").toString(), "root fields");
    }

    @Test
    void aFragmentBombIsRefusedWithoutExpandingIt() {
        // each fragment uses the next twice: 2^30 field selections once expanded
        StringBuilder bomb = new StringBuilder("{ ...F0 }\n");
        for (int i = 0; i < 30; i++) {
            bomb.append("fragment F").append(i).append(" on Query { a: __typename ...F").append(i + 1)
                    .append(" b: __typename ...F").append(i + 1).append(" }\n");
        }
        bomb.append("fragment F30 on Query { __typename }");
        refused(bomb.toString(), "fields");
    }

    @Test
    void aFragmentCycleIsAValidationErrorNotAHang() {
        refused("{ ...A } fragment A on Query { __typename ...B } fragment B on Query { __typename ...A }", "A");
    }

    @Test
    void anOverlongQueryIsRefused() {
        refused("{ __typename }" + " ".repeat(25_000), "characters");
    }

    @Test
    void aQueryWithTooManyTokensIsRefused() {
        refused("{ " + "a ".repeat(6_000) + "}", "5,000");
    }

    @Test
    void aHugeListInVariablesIsRefused() {
        List<Object> events = Collections.nCopies(50_001, Map.of("identity", "u", "name", "App Launched"));
        refused(Map.of("query", "mutation U($events: [EventInput!]!) { uploadEvents(events: $events) { accepted } }",
                "variables", Map.of("events", events)), "$events is a list of 50001 items");
    }

    @Test
    void deeplyNestedVariablesAreRefused() {
        Object nested = "leaf";
        for (int i = 0; i < 40; i++) {
            nested = List.of(Map.of("x", nested));
        }
        refused(Map.of("query", "mutation U($events: [EventInput!]!) { uploadEvents(events: $events) { accepted } }",
                "variables", Map.of("events", List.of(Map.of("identity", "u", "name", "n", "properties",
                        Map.of("deep", nested))))),
                "levels deep");
    }

    @Test
    void anOversizedBodyIsRefusedWith413BeforeItIsSent() throws Exception {
        int before = upstreamRequests();
        String head = "POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + (17 * 1024 * 1024) + "\r\n"
                + (ItApiKeys.sentKey() == null ? "" : "X-API-Key: " + ItApiKeys.sentKey() + "\r\n") + "\r\n";

        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String status = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            assertThat(status, containsString(" 413 "));
        }
        assertThat(upstreamRequests(), is(before));
    }

    @Test
    void anOversizedUploadBatchIsRefusedAsAWhole() {
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < 50_001; i++) {
            events.add(Map.of("identity", "user-" + i, "name", "App Launched"));
        }
        refused(Map.of("query", "mutation U($events: [EventInput!]!) { uploadEvents(events: $events) { accepted } }",
                "variables", Map.of("events", events)), "at most 50000");
        assertThat(upstreamRequests(), lessThan(1));
    }
}
