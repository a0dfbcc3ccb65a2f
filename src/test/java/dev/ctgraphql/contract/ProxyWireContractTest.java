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

/** The raw proxy on the wire: the caller's path, method, query values and body, with the service's auth headers. */
@QuarkusTest
@TestProfile(WireMockProfile.class)
class ProxyWireContractTest extends WireContractTestBase {

    @Test
    void aGetSendsThePathAndQueryValuesWithTheAuthHeaders() {
        stub(WireMock.get(WireMock.urlPathEqualTo("/1/profile.json"))
                .willReturn(json(200, "{\"status\":\"success\",\"record\":{\"identity\":\"a&b\"}}")));

        JsonPath answer = GraphQLClient.run("rawRequest", "method", "GET", "path", "/1/profile.json",
                "query", Map.of("identity", "a&b=c"));

        assertThat(answer.getList("errors"), nullValue());
        assertThat(answer.getString("data.cleverTapRequest.record.identity"), equalTo("a&b"));
        wire().verify(1, authenticated(WireMock.getRequestedFor(WireMock.urlPathEqualTo("/1/profile.json")))
                .withQueryParam("identity", WireMock.equalTo("a&b=c")));
        assertThat(wire().getAllServeEvents(), hasSize(1));
    }

    @Test
    void aPostSendsItsBodyAsJson() {
        stub(WireMock.post(WireMock.urlEqualTo("/1/targets/list.json")).willReturn(json(200, "{\"status\":\"success\"}")));

        JsonPath answer = GraphQLClient.run("rawRequest", "method", "POST", "path", "/1/targets/list.json",
                "body", Map.of("from", 20240301, "to", 20240331));

        assertThat(answer.getString("data.cleverTapRequest.status"), equalTo("success"));
        wire().verify(1, authenticated(WireMock.postRequestedFor(WireMock.urlEqualTo("/1/targets/list.json")))
                .withHeader("Content-Type", WireMock.containing("application/json"))
                .withRequestBody(WireMock.equalToJson("{\"from\":20240301,\"to\":20240331}")));
    }
}
