package dev.ctgraphql.security;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusIntegrationTest;

import dev.ctgraphql.ItApiKeys;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/**
 * The packaged jar in its prod profile with API keys configured (the pom's {@code it.api-keys}): anonymous callers and
 * wrong keys get 401, each key does exactly what its roles allow, health stays open.
 */
@QuarkusIntegrationTest
class AuthIT {

    private static final String PROFILE = "{ profile(identity: \"user-0001\") { identity } }";

    @Test
    void anonymousCallersAndWrongKeysGet401() {
        given().contentType("application/json").body("{\"query\": \"{ __typename }\"}").post("/graphql")
                .then().statusCode(401).header("WWW-Authenticate", notNullValue());
        Caller.apiKey("not-a-key").request().contentType("application/json").body("{\"query\": \"{ __typename }\"}")
                .post("/graphql").then().statusCode(401);
        given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void aViewerKeyReadsButCannotDelete() {
        Caller viewer = Caller.apiKey(ItApiKeys.VIEWER);
        viewer.request().contentType("application/json").body(java.util.Map.of("query", PROFILE)).post("/graphql")
                .then().statusCode(200).body("data.profile.identity", equalTo("user-0001"));
        viewer.post("deleteProfiles", "identities", List.of("user-0002")).then().statusCode(200)
                .body("data.deleteProfiles", nullValue())
                .body("errors[0].extensions.code", equalTo("FORBIDDEN"));
    }

    @Test
    void theAdminKeyMayDoEverything() {
        Caller admin = Caller.apiKey(ItApiKeys.ADMIN);
        admin.request().contentType("application/json").body(java.util.Map.of("query", PROFILE)).post("/graphql")
                .then().statusCode(200).body("data.profile.identity", equalTo("user-0001"));
        admin.post("uploadEvents", "events", List.of(java.util.Map.of("identity", "user-0003", "name", "App Launched")))
                .then().statusCode(200).body("data.uploadEvents.accepted", greaterThan(0));
        admin.post("deleteProfiles", "identities", List.of("user-0004")).then().statusCode(200)
                .body("data.deleteProfiles.ok", equalTo(true));
    }
}
