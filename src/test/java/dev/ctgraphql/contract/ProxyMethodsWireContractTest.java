package dev.ctgraphql.contract;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.client.WireMock;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

import dev.ctgraphql.GraphQLClient;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

/** The raw proxy's four methods and its path families on the wire: method, path, query, both auth headers, body. */
@QuarkusTest
@TestProfile(WireMockProfile.class)
class ProxyMethodsWireContractTest extends WireContractTestBase {

    @Test
    void putAndDeleteCarryTheirBodiesToThePathAsIs() {
        stub(WireMock.put("/1/createVars?dryRun=1").willReturn(json(200, "{\"status\":\"success\",\"n\":1}")));
        stub(WireMock.delete("/1/deleteVars").willReturn(json(200, "{\"status\":\"success\"}")));

        JsonPath put = GraphQLClient.run("rawRequest", "method", "PUT", "path", "/1/createVars",
                "query", Map.of("dryRun", 1), "body", Map.of("vars", Map.of("x", 1)));
        JsonPath delete = GraphQLClient.run("rawRequest", "method", "DELETE", "path", "/1/deleteVars",
                "body", Map.of("vars", java.util.List.of("x")));

        assertThat(put.getList("errors"), nullValue());
        assertThat(put.getInt("data.cleverTapRequest.n"), equalTo(1));
        assertThat(delete.getString("data.cleverTapRequest.status"), equalTo("success"));
        wire().verify(1, authenticated(WireMock.putRequestedFor(WireMock.urlEqualTo("/1/createVars?dryRun=1")))
                .withRequestBody(WireMock.equalToJson("{\"vars\":{\"x\":1}}")));
        wire().verify(1, authenticated(WireMock.deleteRequestedFor(WireMock.urlEqualTo("/1/deleteVars")))
                .withRequestBody(WireMock.equalToJson("{\"vars\":[\"x\"]}")));
    }

    @Test
    void everyPathFamilyIsReachableAndNothingElse() {
        stub(WireMock.any(WireMock.anyUrl()).willReturn(json(200, "{\"status\":\"success\"}")));

        for (String[] call : new String[][]{{"GET", "/getSchema"}, {"GET", "/category-groups"},
                {"GET", "/v1/contentBlock/list"}, {"POST", "/2/send/externaltrigger.json"}, {"POST", "/api/createSegment"}}) {
            JsonPath answer = "GET".equals(call[0])
                    ? GraphQLClient.run("rawRequest", "method", "GET", "path", call[1])
                    : GraphQLClient.run("rawRequest", "method", "POST", "path", call[1], "body", Map.of());
            assertThat(call[1] + " " + answer.prettify(), answer.getString("data.cleverTapRequest.status"),
                    equalTo("success"));
            wire().verify(1, authenticated(WireMock.requestedFor(call[0], WireMock.urlEqualTo(call[1]))));
        }
        for (String path : new String[]{"/getSchemaX", "/v1/contentBlocks", "/upload_custom_list_segment_completed",
                "/3/send.json"}) {
            JsonPath refused = GraphQLClient.run("rawRequest", "method", "GET", "path", path);
            assertThat(path, refused.getString("errors[0].extensions.code"), equalTo("BAD_USER_INPUT"));
        }
        assertThat(wire().getAllServeEvents(), hasSize(5));
    }

    @Test
    void aPutWithoutABodyIsRefusedBeforeAnyCall() {
        JsonPath answer = GraphQLClient.run("rawRequest", "method", "PUT", "path", "/1/createVars");

        assertThat(answer.getString("errors[0].extensions.code"), equalTo("BAD_USER_INPUT"));
        assertThat(answer.getString("errors[0].message"), org.hamcrest.Matchers.containsString("body"));
        assertThat(wire().getAllServeEvents(), hasSize(0));
    }
}
