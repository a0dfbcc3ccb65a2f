package dev.ctgraphql.security;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

/** The ingest endpoints admit the callers the upload mutations admit: role editor, by API key or JWT; 401/403 otherwise. */
@QuarkusTest
@TestProfile(AuthProfile.class)
class IngestAccessTest {

    private static final byte[] EVENT = "{\"identity\":\"ingest-access\",\"name\":\"App Launched\"}\n"
            .getBytes(StandardCharsets.UTF_8);

    @Test
    void editorsMayIngestByApiKeyOrToken() {
        for (RequestSpecification caller : new RequestSpecification[]{given().header("X-API-Key", AuthProfile.EDITOR_KEY),
                given().header("X-API-Key", AuthProfile.ALL_KEY),
                given().auth().oauth2(JwtKeys.token(Set.of(Roles.EDITOR)))}) {
            caller.contentType("application/x-ndjson; charset=utf-8").body(EVENT).post("/ingest/events").then()
                    .statusCode(200).body(containsString("\"accepted\":1"));
        }
    }

    @Test
    void callersWithoutTheRoleGet403AndNothingIsSent() {
        SandboxRequests.reset();
        for (RequestSpecification caller : new RequestSpecification[]{given().header("X-API-Key", AuthProfile.VIEWER_KEY),
                given().header("X-API-Key", AuthProfile.ADMIN_KEY),
                given().auth().oauth2(JwtKeys.token(Set.of(Roles.VIEWER)))}) {
            caller.contentType("application/x-ndjson; charset=utf-8").body(EVENT).post("/ingest/profiles").then()
                    .statusCode(403).body("code", equalTo("FORBIDDEN"));
        }
        assertThat(SandboxRequests.received(), not(hasKey("POST /1/upload")));
    }

    @Test
    void callersWithoutValidCredentialsGet401AndNothingIsSent() {
        SandboxRequests.reset();
        given().contentType("application/x-ndjson; charset=utf-8").body(EVENT).post("/ingest/events").then()
                .statusCode(401).header("WWW-Authenticate", containsString("ApiKey"));
        given().header("X-API-Key", "not-a-key").contentType("application/x-ndjson; charset=utf-8").body(EVENT)
                .post("/ingest/device-tokens").then().statusCode(401);
        given().auth().oauth2(JwtKeys.expired(Set.of(Roles.EDITOR))).contentType("application/x-ndjson; charset=utf-8")
                .body(EVENT).post("/ingest/events").then().statusCode(401);
        assertThat(SandboxRequests.received(), not(hasKey("POST /1/upload")));
    }
}
