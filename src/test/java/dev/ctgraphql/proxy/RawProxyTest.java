package dev.ctgraphql.proxy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import dev.ctgraphql.GraphQLClient;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/** The raw CleverTap proxy on the sandbox: what it sends, what it answers, and what it refuses before any call. */
@QuarkusTest
class RawProxyTest {

    @BeforeEach
    void resetStats() {
        given().delete("/sandbox/_stats").then().statusCode(200);
    }

    @Test
    void aGetWithQueryParametersReturnsCleverTapsAnswer() {
        JsonPath answer = GraphQLClient.run("rawRequest", "method", "GET", "path", "/1/profile.json",
                "query", Map.of("identity", "user-0003"));

        assertThat(answer.getString("errors"), nullValue());
        assertThat(answer.getString("data.cleverTapRequest.status"), equalTo("success"));
        assertThat(answer.getString("data.cleverTapRequest.record.identity"), equalTo("user-0003"));
        assertThat(requests().get("GET /1/profile.json"), equalTo(1));
    }

    @Test
    void aPostSendsItsBodyAndIsNotCached() {
        for (int i = 0; i < 2; i++) {
            JsonPath answer = GraphQLClient.run("rawRequest", "method", "POST", "path", "/1/now.json", "body", Map.of());
            assertThat(answer.getString("errors"), nullValue());
            assertThat(answer.getString("data.cleverTapRequest.status"), equalTo("success"));
        }
        assertThat(requests().get("POST /1/now.json"), equalTo(2));
    }

    @Test
    void theMetadataFamiliesAreReachedWithGetAndADeleteCleverTapDoesNotServeIsRefusedByIt() {
        JsonPath schema = GraphQLClient.run("rawRequest", "method", "GET", "path", "/getSchema",
                "query", Map.of("type", "events"));
        JsonPath blocks = GraphQLClient.run("rawRequest", "method", "GET", "path", "/v1/contentBlock/list",
                "query", Map.of("pageNumber", 1, "pageSize", 5));
        JsonPath delete = GraphQLClient.run("rawRequest", "method", "DELETE", "path", "/1/profile.json");

        assertThat(schema.getString("errors"), nullValue());
        assertThat(schema.getList("data.cleverTapRequest.events.name").contains("Charged"), equalTo(true));
        assertThat(blocks.getList("data.cleverTapRequest.contentBlocks").size(), equalTo(5));
        assertThat(delete.getString("errors[0].extensions.code"), containsString("UPSTREAM_"));
        assertThat(requests().get("GET /getSchema"), equalTo(1));
        assertThat(requests().get("GET /v1/contentBlock/list"), equalTo(1));
        assertThat(requests().get("DELETE /1/profile.json"), equalTo(1));
    }

    @Test
    void anUnknownPathIsNotFound() {
        JsonPath answer = GraphQLClient.run("rawRequest", "method", "GET", "path", "/1/no/such/api.json");
        assertThat(answer.getString("errors[0].extensions.code"), equalTo("NOT_FOUND"));
        assertThat(answer.getString("errors[0].message"), not(containsString("127.0.0.1")));
    }

    @Test
    void pathsThatCouldLeaveCleverTapsApiAndBadArgumentsAreRefusedBeforeAnyCall() {
        List<Object[]> bad = List.of(
                new Object[]{"path", "http://evil.example/1/x"}, new Object[]{"path", "//evil.example/1/x"},
                new Object[]{"path", "/1/../sandbox/_faults"}, new Object[]{"path", "/1/profile.json?identity=x"},
                new Object[]{"path", "/1/%2e%2e/x"}, new Object[]{"path", "/1//x"}, new Object[]{"path", "/3/x"},
                new Object[]{"path", "/sandbox/_faults"}, new Object[]{"path", "/getSchema/../x"},
                new Object[]{"path", "/v1/other/list"},
                new Object[]{"path", "1/profile.json"}, new Object[]{"path", "/1/@evil.example"},
                new Object[]{"query", Map.of("identity", Map.of("nested", true))});
        for (Object[] argument : bad) {
            JsonPath answer = "path".equals(argument[0])
                    ? GraphQLClient.run("rawRequest", "method", "GET", "path", argument[1])
                    : GraphQLClient.run("rawRequest", "method", "GET", "path", "/1/profile.json", "query", argument[1]);
            assertThat(argument[1] + " " + answer.prettify(), answer.getString("errors[0].extensions.code"),
                    equalTo("BAD_USER_INPUT"));
            assertThat(answer.getString("errors[0].message"), containsString((String) argument[0]));
        }
        JsonPath getWithBody = GraphQLClient.run("rawRequest", "method", "GET", "path", "/1/now.json", "body", Map.of());
        assertThat(getWithBody.getString("errors[0].extensions.code"), equalTo("BAD_USER_INPUT"));
        JsonPath postWithoutBody = GraphQLClient.run("rawRequest", "method", "POST", "path", "/1/now.json");
        assertThat(postWithoutBody.getString("errors[0].extensions.code"), equalTo("BAD_USER_INPUT"));
        assertThat(requests().size(), equalTo(0));
    }

    @Test
    void refusalsAreRetriedOnlyWhenCleverTapDidNotAct() {
        given().contentType("application/json").body(Map.of("faultRate", 1.0)).put("/sandbox/_faults").then()
                .statusCode(200);
        try {
            JsonPath answer = GraphQLClient.run("rawRequest", "method", "POST", "path", "/1/now.json", "body", Map.of());
            assertThat(answer.getString("errors[0].extensions.code"), containsString("UPSTREAM_"));
        } finally {
            given().delete("/sandbox/_faults").then().statusCode(200);
        }
        assertThat(((Number) requests().get("POST /1/now.json")).intValue(), greaterThan(1));
    }

    private static Map<String, Object> requests() {
        return given().get("/sandbox/_stats").then().statusCode(200).extract().jsonPath().getMap("requests");
    }
}
