package dev.ctgraphql.graphql.http;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import static io.restassured.RestAssured.given;

/** Raw HTTP requests to /graphql and the sandbox's request counter, for the endpoint tests. */
final class HttpCalls {

    static final String GRAPHQL_RESPONSE = "application/graphql-response+json";
    static final String EVENT_COUNT = "query Count($query: EventQuery!) { eventCount(query: $query) { status value } }";

    private HttpCalls() {
    }

    static Map<String, Object> launches() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        return Map.of("query", Map.of("eventName", "App Launched",
                "range", Map.of("from", today.minusDays(10).toString(), "to", today.minusDays(3).toString())));
    }

    static RequestSpecification json(Object body) {
        return given().contentType("application/json").body(body);
    }

    static Response post(Object body, String accept) {
        return json(body).accept(accept).post("/graphql");
    }

    /** Requests the sandbox (our stand-in for CleverTap) has received since the last {@link #resetUpstream()}. */
    static int upstreamRequests() {
        Map<String, Integer> requests = given().get("/sandbox/_stats").then().statusCode(200).extract().jsonPath()
                .getMap("requests");
        return requests.values().stream().mapToInt(Integer::intValue).sum();
    }

    static void resetUpstream() {
        given().delete("/sandbox/_stats").then().statusCode(200);
    }
}
