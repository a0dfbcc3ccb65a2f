package dev.ctgraphql.graphql.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;

import static dev.ctgraphql.graphql.http.HttpCalls.EVENT_COUNT;
import static dev.ctgraphql.graphql.http.HttpCalls.GRAPHQL_RESPONSE;
import static dev.ctgraphql.graphql.http.HttpCalls.launches;
import static dev.ctgraphql.graphql.http.HttpCalls.post;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** The automatic persisted query protocol: a hash alone, the full query once on a miss, then the hash alone again. */
@QuarkusTest
class PersistedQueryTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    static Map<String, Object> persisted(String hash) {
        return Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", hash));
    }

    @Test
    void anUnknownHashAsksForTheQueryThenTheHashAloneRunsIt() throws Exception {
        String query = EVENT_COUNT + " # apq " + System.nanoTime();
        String hash = sha256(query);

        post(Map.of("extensions", persisted(hash), "variables", launches()), "application/json")
                .then().statusCode(200)
                .body("errors[0].message", equalTo("PersistedQueryNotFound"))
                .body("errors[0].extensions.code", equalTo("PERSISTED_QUERY_NOT_FOUND"));
        post(Map.of("query", query, "extensions", persisted(hash), "variables", launches()), GRAPHQL_RESPONSE)
                .then().statusCode(200).body("data.eventCount.status", equalTo("COMPLETE"));
        post(Map.of("extensions", persisted(hash), "variables", launches()), GRAPHQL_RESPONSE)
                .then().statusCode(200).body("errors", nullValue())
                .body("data.eventCount.status", equalTo("COMPLETE"));
        // and by GET, which lets a CDN or browser cache it
        given().accept(GRAPHQL_RESPONSE)
                .queryParam("extensions", JSON.writeValueAsString(persisted(hash)))
                .queryParam("variables", JSON.writeValueAsString(launches()))
                .get("/graphql")
                .then().statusCode(200).body("data.eventCount.status", equalTo("COMPLETE"));
    }

    @Test
    void aHashThatIsNotTheQuerysIsRefused() throws Exception {
        post(Map.of("query", "{ __typename }", "extensions", persisted(sha256("{ something else }"))), GRAPHQL_RESPONSE)
                .then().statusCode(400).body("errors[0].extensions.code", equalTo("BAD_USER_INPUT"));
    }

    @Test
    void anUnsupportedVersionIsRefused() {
        post(Map.of("extensions", Map.of("persistedQuery", Map.of("version", 2, "sha256Hash", "ab"))), GRAPHQL_RESPONSE)
                .then().statusCode(400).body("errors[0].extensions.code", equalTo("PERSISTED_QUERY_NOT_SUPPORTED"));
    }

    @Test
    void aPersistedMutationStillNeedsPost() throws Exception {
        String mutation = "mutation { stopCampaign(id: \"apq-1\") { ok } }";
        String hash = sha256(mutation);
        // registering it runs it (POST); the campaign does not exist, which is fine here
        post(Map.of("query", mutation, "extensions", persisted(hash)), GRAPHQL_RESPONSE).then().statusCode(200);

        given().accept(GRAPHQL_RESPONSE).queryParam("extensions", JSON.writeValueAsString(persisted(hash)))
                .get("/graphql").then().statusCode(405);
    }
}
