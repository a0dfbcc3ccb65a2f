package dev.ctgraphql.graphql.http;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import dev.ctgraphql.live.GraphQLWebSocket;

import static dev.ctgraphql.graphql.http.HttpCalls.GRAPHQL_RESPONSE;
import static dev.ctgraphql.graphql.http.HttpCalls.launches;
import static dev.ctgraphql.graphql.http.HttpCalls.post;
import static dev.ctgraphql.graphql.http.HttpCalls.upstreamRequests;
import static dev.ctgraphql.graphql.http.PersistedQueryTest.persisted;
import static dev.ctgraphql.graphql.http.PersistedQueryTest.sha256;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/**
 * The allowlist mode for public frontends: only the committed manifest's operations run (by hash or exact text),
 * nothing else and nothing new; introspection is off; CORS answers only the configured origin.
 */
@QuarkusTest
@TestProfile(LockedDownProfile.class)
class LockedDownTest {

    @TestHTTPResource("/graphql")
    URI graphql;

    @Inject
    Vertx vertx;

    static final String LAUNCHES = "query Launches($query: EventQuery!) { eventCount(query: $query) { status value } }";

    @Test
    void anAllowlistedOperationRunsByHashOrByItsExactText() throws Exception {
        post(Map.of("extensions", persisted(sha256(LAUNCHES)), "variables", launches()), GRAPHQL_RESPONSE)
                .then().statusCode(200).body("errors", nullValue())
                .body("data.eventCount.status", equalTo("COMPLETE"));
        post(Map.of("query", LAUNCHES, "variables", launches()), GRAPHQL_RESPONSE)
                .then().statusCode(200).body("data.eventCount.status", equalTo("COMPLETE"));
    }

    @Test
    void anythingElseIsRefusedBeforeAnyUpstreamCall() throws Exception {
        int before = upstreamRequests();
        String other = "query Other($query: EventQuery!) { profileCount(query: $query) { value } }";

        post(Map.of("query", other, "variables", launches()), GRAPHQL_RESPONSE).then().statusCode(400)
                .body("errors[0].extensions.code", equalTo("PERSISTED_QUERY_NOT_ALLOWED"));
        // registering a new one is not possible either
        post(Map.of("query", other, "extensions", persisted(sha256(other)), "variables", launches()), GRAPHQL_RESPONSE)
                .then().statusCode(400).body("errors[0].extensions.code", equalTo("PERSISTED_QUERY_NOT_ALLOWED"));
        post(Map.of("extensions", persisted(sha256(other))), GRAPHQL_RESPONSE).then().statusCode(400)
                .body("errors[0].extensions.code", equalTo("PERSISTED_QUERY_NOT_ALLOWED"));
        assertThat(upstreamRequests(), is(before));
    }

    @Test
    void introspectionIsOffEvenWhenAllowlisted() throws Exception {
        post(Map.of("extensions", persisted(sha256("{ __schema { queryType { name } } }"))), GRAPHQL_RESPONSE)
                .then().statusCode(400).body("errors[0].message", containsString("Introspection is turned off"));
        post(Map.of("query", "{ __typename }"), GRAPHQL_RESPONSE).then().statusCode(200)
                .body("data.__typename", equalTo("Query"));
        given().get("/graphql/schema.graphql").then().statusCode(404);
    }

    @Test
    void overWebSocketOnlyAllowlistedOperationsRunAndIntrospectionIsOff() throws Exception {
        try (GraphQLWebSocket socket = GraphQLWebSocket.connect(vertx, graphql)) {
            socket.subscribe("other", new JsonObject().put("query", "{ __typename realtimeUserCount { total } }"));
            assertThat(errorCode(socket, "other"), equalTo("PERSISTED_QUERY_NOT_ALLOWED"));

            socket.subscribe("introspect", new JsonObject().put("extensions",
                    new JsonObject(persisted(sha256("{ __schema { queryType { name } } }")))));
            JsonObject refusal = socket.next(Duration.ofSeconds(10));
            assertThat(refusal.getString("type"), equalTo("error"));
            assertThat(refusal.getJsonArray("payload").getJsonObject(0).getString("message"),
                    containsString("Introspection is turned off"));

            socket.subscribe("typename", new JsonObject().put("extensions",
                    new JsonObject(persisted(sha256("{ __typename }")))));
            JsonObject answer = socket.next(Duration.ofSeconds(10));
            assertThat(answer.getString("type"), equalTo("next"));
            assertThat(answer.getJsonObject("payload").getJsonObject("data").getString("__typename"), equalTo("Query"));
        }
    }

    private static String errorCode(GraphQLWebSocket socket, String id) throws InterruptedException {
        JsonObject refusal = socket.next(Duration.ofSeconds(10));
        assertThat(refusal.getString("id"), equalTo(id));
        assertThat(refusal.getString("type"), equalTo("error"));
        return refusal.getJsonArray("payload").getJsonObject(0).getJsonObject("extensions").getString("code");
    }

    @Test
    void corsAnswersOnlyTheAllowedOrigin() {
        given().header("Origin", LockedDownProfile.ORIGIN).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type")
                .options("/graphql")
                .then().statusCode(200).header("Access-Control-Allow-Origin", LockedDownProfile.ORIGIN);
        given().header("Origin", "https://evil.example.net").header("Access-Control-Request-Method", "POST")
                .options("/graphql")
                .then().header("Access-Control-Allow-Origin", not(equalTo("https://evil.example.net")));
    }
}
