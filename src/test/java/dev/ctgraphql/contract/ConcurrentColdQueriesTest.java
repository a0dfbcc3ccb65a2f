package dev.ctgraphql.contract;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.client.WireMock;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import dev.ctgraphql.Concurrently;
import dev.ctgraphql.GraphQLClient;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;

/** N concurrent identical cold queries must cost CleverTap one call, not N. */
@QuarkusTest
@TestProfile(WireMockProfile.class)
class ConcurrentColdQueriesTest extends WireContractTestBase {

    static final int CLIENTS = 32;

    @Test
    void thirtyTwoConcurrentIdenticalColdCountsMakeOneUpstreamCall() throws Exception {
        // slow enough that every client arrives while the first call is still in flight
        stub(WireMock.post("/1/counts/events.json")
                .willReturn(json(200, "{\"status\":\"success\",\"count\":99}").withFixedDelay(750)));
        Map<String, Object> query = Map.of("eventName", "Product Viewed", "range",
                Map.of("from", "2024-05-01", "to", "2024-05-02"));

        List<Long> values = Concurrently.run(CLIENTS,
                () -> GraphQLClient.run("eventCount", "query", query).getLong("data.eventCount.value"));

        assertThat(values, everyItem(equalTo(99L)));
        wire().verify(1, WireMock.postRequestedFor(WireMock.urlEqualTo("/1/counts/events.json")));
    }

    @Test
    void thirtyTwoConcurrentIdenticalColdCampaignListsMakeOneListCallAndOneReportCallPerCampaign() throws Exception {
        stub(WireMock.post("/1/targets/list.json").willReturn(json(200,
                """
                        {"status":"success","targets":[{"id":11,"name":"a","status":"completed"},{"id":12,"name":"b","status":"completed"}]}""")
                .withFixedDelay(500)));
        stub(WireMock.post("/1/targets/result.json")
                .willReturn(json(200, "{\"status\":\"success\",\"result\":{\"sent\":3}}").withFixedDelay(300)));

        List<Integer> sizes = Concurrently.run(CLIENTS, () -> GraphQLClient.run("campaigns", "range",
                Map.of("from", "2024-04-01", "to", "2024-04-30")).getList("data.campaigns.report.sent").size());

        assertThat(sizes, everyItem(equalTo(2)));
        wire().verify(1, WireMock.postRequestedFor(WireMock.urlEqualTo("/1/targets/list.json")));
        wire().verify(2, WireMock.postRequestedFor(WireMock.urlEqualTo("/1/targets/result.json")));
    }
}
