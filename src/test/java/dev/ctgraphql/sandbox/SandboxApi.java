package dev.ctgraphql.sandbox;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;

/** Calls the sandbox as a CleverTap client would (the sandbox's default credentials, JSON bodies). */
final class SandboxApi {

    static final String ACCOUNT = "SANDBOX-RK4-ZZ5-W66Z";
    static final String PASSCODE = "sandbox-passcode";

    private SandboxApi() {
    }

    static RequestSpecification api() {
        return given().header("X-CleverTap-Account-Id", ACCOUNT).header("X-CleverTap-Passcode", PASSCODE)
                .contentType(ContentType.JSON);
    }

    /** Sends the URL exactly as given: what a client that does not re-encode a cursor does. */
    static RequestSpecification raw() {
        return api().urlEncodingEnabled(false);
    }

    static LocalDate today() {
        return LocalDate.now(ZoneId.of("UTC"));
    }

    static long day(LocalDate date) {
        return SandboxDates.dayNumber(date);
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static long now() {
        return System.currentTimeMillis() / 1000;
    }

    /** Uploads records and expects every one to be processed. */
    static void upload(Object... records) {
        api().body(Map.of("d", records)).post("/sandbox/1/upload").then().statusCode(200).body("status", is("success"));
    }

    static Map<String, Object> event(String identity, String name, long ts, Map<String, Object> props) {
        return Map.of("type", "event", "identity", identity, "evtName", name, "ts", ts, "evtData", props);
    }

    /** Posts a count query, checks the partial answer and polls it to success. */
    static JsonPath count(String kind, Object body) {
        return JsonPath.from(countBody(kind, body));
    }

    /** The same, read with Jackson, which keeps the order of the answer's keys. */
    static JsonNode countTree(String kind, Object body) {
        try {
            return new ObjectMapper().readTree(countBody(kind, body));
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON", e);
        }
    }

    private static String countBody(String kind, Object body) {
        long reqId = api().body(body).post("/sandbox/1/counts/" + kind + ".json").then().statusCode(200)
                .body("status", is("partial")).extract().jsonPath().getLong("req_id");
        for (int i = 0; i < 5; i++) {
            String answer = api().queryParam("req_id", reqId).get("/sandbox/1/counts/" + kind + ".json").then()
                    .statusCode(200).extract().asString();
            if ("success".equals(JsonPath.from(answer).getString("status"))) {
                return answer;
            }
        }
        throw new AssertionError("count " + reqId + " never succeeded");
    }
}
