package dev.ctgraphql.lambda;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import dev.ctgraphql.GraphQLClient;
import dev.ctgraphql.upstream.ResponseCache;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/**
 * The Lambda build ({@code -Plambda} only): GraphQL requests reach the function as API Gateway HTTP API events
 * (payload format 2.0) through Quarkus's mock Lambda event server, and come back as API Gateway responses.
 *
 * <p>
 * CleverTap is a WireMock stub here, not the sandbox: a Lambda function opens no HTTP socket, so the sandbox's
 * {@code /sandbox} routes cannot be called over loopback as they are in the HTTP server build.
 */
@QuarkusTest
@WithTestResource(LambdaGraphQLTest.CleverTapStub.class)
class LambdaGraphQLTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    ResponseCache cache;

    @BeforeEach
    void resetStubAndCaches() {
        CleverTapStub.server.resetAll();
        cache.clear();
    }

    @Test
    void realtimeUserCountFromAnApiGatewayEvent() throws JsonProcessingException {
        CleverTapStub.server.stubFor(WireMock.post("/1/now.json").willReturn(WireMock.okJson(
                "{\"status\":\"success\",\"count\":42}")));

        JsonPath response = invoke(graphQLEvent("realtime", Map.of()));

        assertThat(response.getInt("statusCode"), equalTo(200));
        assertThat(response.getString("headers.'content-type'"), containsString("application/json"));
        JsonPath answer = graphQLAnswer(response);
        assertThat(answer.getList("errors"), nullValue());
        assertThat(answer.getLong("data.realtimeUserCount.total"), equalTo(42L));
        CleverTapStub.server.verify(1, WireMock.postRequestedFor(WireMock.urlEqualTo("/1/now.json"))
                .withHeader("X-CleverTap-Account-Id", WireMock.equalTo(CleverTapStub.ACCOUNT_ID))
                .withHeader("X-CleverTap-Passcode", WireMock.equalTo(CleverTapStub.PASSCODE)));
    }

    @Test
    void badInputIsAGraphQLErrorInA200ResponseWithoutCallingCleverTap() throws JsonProcessingException {
        JsonPath response = invoke(graphQLEvent("profile", Map.of("identity", "user-0001", "email", "x@example.com")));

        assertThat(response.getInt("statusCode"), equalTo(200));
        JsonPath answer = graphQLAnswer(response);
        assertThat(answer.getString("errors[0].extensions.code"), equalTo("BAD_USER_INPUT"));
        assertThat(answer.get("data.profile"), nullValue());
        assertThat(CleverTapStub.server.getAllServeEvents(), hasSize(0));
    }

    @Test
    void refusedCredentialsAreUpstreamAuthFailedAndTheirValuesStayOut() throws JsonProcessingException {
        CleverTapStub.server.stubFor(WireMock.post("/1/now.json").willReturn(WireMock.jsonResponse(
                "{\"status\":\"fail\",\"error\":\"Account ID is not valid\",\"code\":401}", 401)));

        JsonPath response = invoke(graphQLEvent("realtime", Map.of()));

        assertThat(response.getInt("statusCode"), equalTo(200));
        JsonPath answer = graphQLAnswer(response);
        assertThat(answer.getString("errors[0].extensions.code"), equalTo("UPSTREAM_AUTH_FAILED"));
        assertThat(answer.prettify(), not(containsString(CleverTapStub.PASSCODE)));
    }

    @Test
    void plainHttpRequestsAreTurnedIntoEventsByTheMockEventServer() {
        CleverTapStub.server.stubFor(WireMock.post("/1/now.json").willReturn(WireMock.okJson(
                "{\"status\":\"success\",\"count\":7}")));

        JsonPath answer = GraphQLClient.run("realtime");

        assertThat(answer.getList("errors"), nullValue());
        assertThat(answer.getLong("data.realtimeUserCount.total"), equalTo(7L));
    }

    /** The event API Gateway sends for {@code POST /graphql} with the named document and variables as JSON body. */
    static Map<String, Object> graphQLEvent(String document, Map<String, Object> variables)
            throws JsonProcessingException {
        Map<String, Object> request = new HashMap<>();
        request.put("query", GraphQLClient.document(document));
        request.put("variables", variables);
        Map<String, Object> http = Map.of("method", "POST", "path", "/graphql", "protocol", "HTTP/1.1",
                "sourceIp", "127.0.0.1", "userAgent", "LambdaGraphQLTest");
        Map<String, Object> event = new HashMap<>();
        event.put("version", "2.0");
        event.put("routeKey", "$default");
        event.put("rawPath", "/graphql");
        event.put("rawQueryString", "");
        event.put("headers", Map.of("content-type", "application/json", "accept", "application/json"));
        event.put("requestContext", Map.of("http", http, "routeKey", "$default", "stage", "$default",
                "requestId", "lambda-graphql-test", "domainName", "localhost"));
        event.put("body", JSON.writeValueAsString(request));
        event.put("isBase64Encoded", false);
        return event;
    }

    /** Hands the event to the function (the mock event server's {@code /_lambda_}) and returns its response event. */
    static JsonPath invoke(Map<String, Object> event) {
        return given().contentType(ContentType.JSON).body(event).post("/_lambda_")
                .then().statusCode(200).extract().jsonPath();
    }

    /** The GraphQL answer in a response event's body, which API Gateway decodes for the client when it is base64. */
    static JsonPath graphQLAnswer(JsonPath response) {
        String body = response.getString("body");
        if (response.getBoolean("isBase64Encoded")) {
            body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
        }
        return new JsonPath(body);
    }

    /** CleverTap as a WireMock server on a loopback port, with test credentials. */
    public static class CleverTapStub implements QuarkusTestResourceLifecycleManager {

        static final String ACCOUNT_ID = "LAMBDA-ACC-1";
        static final String PASSCODE = "lambda-passcode-SECRET-7c1";

        static WireMockServer server;

        @Override
        public Map<String, String> start() {
            server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
            server.start();
            return Map.of(
                    "clevertap.sandbox.enabled", "false",
                    "clevertap.base-url", "http://127.0.0.1:" + server.port(),
                    "clevertap.account-id", ACCOUNT_ID,
                    "clevertap.passcode", PASSCODE);
        }

        @Override
        public void stop() {
            if (server != null) {
                server.stop();
            }
        }
    }
}
