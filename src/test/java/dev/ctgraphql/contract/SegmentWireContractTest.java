package dev.ctgraphql.contract;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

import dev.ctgraphql.GraphQLClient;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** API segments on the wire: create, and membership changes in requests of at most 100 with a result per request. */
@QuarkusTest
@TestProfile(WireMockProfile.class)
class SegmentWireContractTest extends WireContractTestBase {

    @Test
    void createSendsTheSegmentWithTheAuthHeaders() {
        stub(WireMock.post("/api/createSegment").willReturn(json(200,
                "{\"status\":\"success\",\"segments\":[{\"ct_segment_id\":987}]}")));

        JsonPath answer = GraphQLClient.run("createSegment", "name", "VIP", "customerSegmentId", "vip-1");

        assertThat(answer.getString("data.createSegment.segmentId"), equalTo("987"));
        wire().verify(1, authenticated(WireMock.postRequestedFor(WireMock.urlEqualTo("/api/createSegment")))
                .withHeader("Content-Type", WireMock.containing("application/json"))
                .withRequestBody(WireMock.equalToJson(
                        "{\"segments\":[{\"segment_name\":\"VIP\",\"customer_segment_id\":\"vip-1\"}]}")));
    }

    @Test
    void membersGoInRequestsOf100AndEachRequestHasItsResult() {
        stub(WireMock.post("/api/updateSegment").willReturn(json(200, "{\"status\":\"success\"}")));
        // the second request is refused; the others still go
        stub(WireMock.post("/api/updateSegment")
                .withRequestBody(WireMock.matchingJsonPath("$.bulk_profiles[0].identity", WireMock.equalTo("u-100")))
                .willReturn(json(400, "{\"status\":\"fail\",\"error\":\"Invalid\",\"code\":400}")));
        List<String> add = new ArrayList<>();
        for (int i = 0; i < 230; i++) {
            add.add("u-" + i);
        }

        JsonPath answer = GraphQLClient.run("updateSegmentMembers", "customerSegmentId", "vip-1", "add", add,
                "remove", List.of("gone-1"));

        assertThat(answer.getList("errors"), nullValue());
        assertThat(answer.getBoolean("data.updateSegmentMembers.ok"), equalTo(false));
        assertThat(answer.getList("data.updateSegmentMembers.chunks.first"), contains(0, 100, 200));
        assertThat(answer.getList("data.updateSegmentMembers.chunks.count"), contains(100, 100, 31));
        assertThat(answer.getList("data.updateSegmentMembers.chunks.ok"), contains(true, false, true));
        assertThat(answer.getString("data.updateSegmentMembers.message"), containsString("131 of 231"));
        List<LoggedRequest> sent = wire().findAll(authenticated(WireMock.postRequestedFor(
                WireMock.urlEqualTo("/api/updateSegment")))
                .withHeader("Content-Type", WireMock.containing("application/json")));
        assertThat(sent.size(), equalTo(3));
        JsonPath last = JsonPath.from(sent.stream().filter(r -> r.getBodyAsString().contains("\"u-200\"")).findFirst()
                .orElseThrow().getBodyAsString());
        assertThat(last.getList("bulk_profiles").size(), equalTo(31));
        assertThat(last.getString("bulk_profiles[0].identity"), equalTo("u-200"));
        assertThat(last.getString("bulk_profiles[0].action"), equalTo("add"));
        assertThat(last.getString("bulk_profiles[0].customer_segment_id"), equalTo("vip-1"));
        assertThat(last.getString("bulk_profiles[30].identity"), equalTo("gone-1"));
        assertThat(last.getString("bulk_profiles[30].action"), equalTo("remove"));
    }
}
