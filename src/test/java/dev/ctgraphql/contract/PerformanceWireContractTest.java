package dev.ctgraphql.contract;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.client.WireMock;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

import dev.ctgraphql.GraphQLClient;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** Channel performance on the wire: the message report requests for the range (daily) and the previous period. */
@QuarkusTest
@TestProfile(WireMockProfile.class)
class PerformanceWireContractTest extends WireContractTestBase {

    static final String REPORT = "/1/message/report.json";

    @Test
    void asksForTheRangeDailyAndThePreviousPeriodInTotalsWithTheFilters() {
        stub(WireMock.post(REPORT).withRequestBody(WireMock.matchingJsonPath("$.daily", WireMock.equalTo("true")))
                .willReturn(json(200,
                        """
                                {"status":"success","messages":[{"message id":1,"message_name":"A","channel":"Push",
                                  "status":"completed","data":[[{"sent":10,"viewed":5,"clicked":1}],[{"sent":20,"viewed":5,"clicked":2}]]}]}""")));
        stub(WireMock.post(REPORT).withRequestBody(WireMock.matchingJsonPath("$.daily", WireMock.equalTo("false")))
                .willReturn(json(200, """
                        {"status":"success","messages":[{"message id":1,"message_name":"A","channel":"Push",
                          "status":"completed","data":[{"sent":15,"viewed":3,"clicked":1}]}]}""")));

        JsonPath answer = GraphQLClient.run("channelPerformance", "range", Map.of("from", "2024-03-01", "to", "2024-03-02"),
                "filter", Map.of("channels", List.of("PUSH"), "statuses", List.of("COMPLETED"),
                        "deliveryTypes", List.of("ONE_TIME"), "labels", List.of("promo")),
                "compare", true);

        assertThat(answer.getList("errors"), nullValue());
        assertThat(answer.getLong("data.channelPerformance.overall.totals.sent"), equalTo(30L));
        assertThat(answer.getList("data.channelPerformance.overall.daily.totals.sent", Long.class), contains(10L, 20L));
        assertThat(answer.getLong("data.channelPerformance.overall.previous.sent"), equalTo(15L));
        wire().verify(1, authenticated(WireMock.postRequestedFor(WireMock.urlEqualTo(REPORT)))
                .withHeader("Content-Type", WireMock.containing("application/json"))
                .withRequestBody(WireMock.equalToJson("""
                        {"from":"20240301","to":"20240302","channel":["push"],"status":["completed"],
                         "delivery":["one_time"],"label":["promo"],"daily":true}""")));
        wire().verify(1, authenticated(WireMock.postRequestedFor(WireMock.urlEqualTo(REPORT)))
                .withRequestBody(WireMock.equalToJson("""
                        {"from":"20240228","to":"20240229","channel":["push"],"status":["completed"],
                         "delivery":["one_time"],"label":["promo"],"daily":false}""")));
        wire().verify(2, WireMock.postRequestedFor(WireMock.anyUrl()));
    }
}
