package dev.ctgraphql.security;

import java.util.Map;

import static io.restassured.RestAssured.given;

/** What the sandbox (standing in for CleverTap) received since the last reset. */
final class SandboxRequests {

    private SandboxRequests() {
    }

    static void reset() {
        given().delete("/sandbox/_stats").then().statusCode(200);
    }

    /** Requests per {@code "METHOD /path"}. */
    static Map<String, Object> received() {
        return given().get("/sandbox/_stats").then().statusCode(200).extract().jsonPath().getMap("requests");
    }
}
