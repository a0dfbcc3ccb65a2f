package dev.ctgraphql.sandbox;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import dev.ctgraphql.contract.WireMockProfile;

import static dev.ctgraphql.sandbox.SandboxApi.api;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * With the sandbox off, none of its paths exist and nothing is seeded. Runs in the WireMock contract tests' app, which
 * points the service at a stand-in CleverTap with the sandbox off, so it needs no app of its own.
 */
@QuarkusTest
@TestProfile(WireMockProfile.class)
class SandboxDisabledTest {

    @Inject
    SandboxStore store;

    @Test
    void everySandboxPathIs404AndNothingIsSeeded() {
        api().body("{\"d\":[]}").post("/sandbox/1/upload").then().statusCode(404).body("code", is(404));
        api().get("/sandbox/1/profile.json?identity=user-0001").then().statusCode(404);
        api().body("{}").post("/sandbox/1/now.json").then().statusCode(404);
        given().get("/sandbox/_stats").then().statusCode(404);
        given().delete("/sandbox/_stats").then().statusCode(404);
        api().get("/sandbox/1/whatever").then().statusCode(404);
        assertFalse(store.seeded());
    }
}
