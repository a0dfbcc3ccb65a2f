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
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

/** Campaign lists, campaign reports (batched) and message reports on the wire. */
@QuarkusTest
@TestProfile(WireMockProfile.class)
class CampaignWireContractTest extends WireContractTestBase {

    static final Map<String, Object> MARCH = Map.of("from", "2024-03-01", "to", "2024-03-31");

    /** March's list: campaigns 1457432766 (completed), 1457432767 and 1457432768 in the given states. */
    private static void stubMarchList(String second, String third) {
        stub(WireMock.post("/1/targets/list.json").willReturn(json(200, """
                {"status":"success","targets":[
                  {"id":1457432766,"name":"green freedom","scheduled_on":202403171300,"status":"completed"},
                  {"id":1457432767,"name":"spring sale","scheduled_on":202403201000,"status":"%s"},
                  {"id":1457432768,"name":"quiet","scheduled_on":202403250900,"status":"%s"}]}""".formatted(second, third))));
    }

    @Test
    void campaignsListsTheRangeAndFetchesEachReportOnceWithNotReadyFormsUnderstood() {
        stubMarchList("running", "stopped");
        stub(WireMock.post("/1/targets/result.json").withRequestBody(WireMock.equalToJson("{\"id\":1457432766}"))
                .willReturn(json(200, "{\"status\":\"success\",\"result\":{\"sent\":82,\"viewed\":40,\"clicked\":9}}")));
        stub(WireMock.post("/1/targets/result.json").withRequestBody(WireMock.equalToJson("{\"id\":1457432767}"))
                .willReturn(json(500, "{\"status\":\"fail\",\"error\":\"This target has no result as of yet\",\"code\":500}")));
        stub(WireMock.post("/1/targets/result.json").withRequestBody(WireMock.equalToJson("{\"id\":1457432768}"))
                .willReturn(
                        json(200, "{\"status\":\"success\",\"error\":\"This target hasn't been completed\",\"code\":200}")));

        JsonPath answer = GraphQLClient.run("campaigns", "range", MARCH);

        assertThat(answer.getList("data.campaigns.id"), contains("1457432766", "1457432767", "1457432768"));
        assertThat(answer.getList("data.campaigns.status"), contains("COMPLETED", "RUNNING", "STOPPED"));
        assertThat(answer.getString("data.campaigns[0].scheduledAt"), equalTo("2024-03-17T13:00:00+05:30"));
        assertThat(answer.getList("data.campaigns.report.ready"), contains(true, false, false));
        assertThat(answer.getLong("data.campaigns[0].report.sent"), equalTo(82L));
        assertThat(answer.getLong("data.campaigns[0].report.clicked"), equalTo(9L));
        assertThat(answer.getInt("data.campaigns[0].report.raw.viewed"), equalTo(40));
        assertThat(answer.getList("errors"), nullValue());
        wire().verify(1, authenticated(WireMock.postRequestedFor(WireMock.urlEqualTo("/1/targets/list.json")))
                .withRequestBody(WireMock.equalToJson("{\"from\":20240301,\"to\":20240331}")));
        wire().verify(3, authenticated(WireMock.postRequestedFor(WireMock.urlEqualTo("/1/targets/result.json"))));

        GraphQLClient.run("campaigns", "range", MARCH);
        wire().verify(1, WireMock.postRequestedFor(WireMock.urlEqualTo("/1/targets/list.json")));
        wire().verify(3, WireMock.postRequestedFor(WireMock.urlEqualTo("/1/targets/result.json")));
    }

    @Test
    void aListWhoseReportsArePartlyCachedAsksCleverTapOnlyForTheOthersAndKeepsItsOrder() {
        stubMarchList("completed", "completed");
        for (int sent : new int[]{66, 67, 68}) {
            stub(WireMock.post("/1/targets/result.json").withRequestBody(WireMock.equalToJson("{\"id\":14574327" + sent + "}"))
                    .willReturn(json(200, "{\"status\":\"success\",\"result\":{\"sent\":" + sent + "}}")));
        }
        assertThat(GraphQLClient.run("campaignReport", "id", "1457432767").getLong("data.campaignReport.sent"),
                equalTo(67L));

        JsonPath answer = GraphQLClient.run("campaigns", "range", MARCH);

        assertThat(answer.getList("errors"), nullValue());
        assertThat(answer.getList("data.campaigns.report.sent"), contains(66, 67, 68));
        wire().verify(3, WireMock.postRequestedFor(WireMock.urlEqualTo("/1/targets/result.json")));
        wire().verify(1, WireMock.postRequestedFor(WireMock.urlEqualTo("/1/targets/result.json"))
                .withRequestBody(WireMock.equalToJson("{\"id\":1457432767}")));
    }

    @Test
    void aRangeLongerThan31DaysIsListedInWindows() {
        stub(WireMock.post("/1/targets/list.json").willReturn(json(200, "{\"status\":\"success\",\"targets\":[]}")));

        GraphQLClient.run("campaignNames", "range", Map.of("from", "2024-01-01", "to", "2024-03-01"));

        wire().verify(WireMock.postRequestedFor(WireMock.urlEqualTo("/1/targets/list.json"))
                .withRequestBody(WireMock.equalToJson("{\"from\":20240101,\"to\":20240131}")));
        wire().verify(WireMock.postRequestedFor(WireMock.urlEqualTo("/1/targets/list.json"))
                .withRequestBody(WireMock.equalToJson("{\"from\":20240201,\"to\":20240301}")));
        wire().verify(2, WireMock.postRequestedFor(WireMock.urlEqualTo("/1/targets/list.json")));
    }

    @Test
    void campaignFindsTheIdInTheListsAndIsNullWhenAbsent() {
        stub(WireMock.post("/1/targets/list.json").willReturn(json(200,
                "{\"status\":\"success\",\"targets\":[{\"id\":1700000001,\"name\":\"welcome\",\"status\":\"scheduled\"}]}")));
        stub(WireMock.post("/1/targets/result.json")
                .willReturn(json(409, "{\"status\":\"fail\",\"error\":\"Campaign is scheduled\",\"code\":409}")));

        JsonPath found = GraphQLClient.run("campaign", "id", "1700000001");
        assertThat(found.getString("data.campaign.name"), equalTo("welcome"));
        assertThat(found.getBoolean("data.campaign.report.ready"), equalTo(false));

        JsonPath missing = GraphQLClient.run("campaign", "id", "42");
        assertThat(missing.getString("data.campaign"), nullValue());
        assertThat(missing.getList("errors"), nullValue());
    }

    @Test
    void campaignRejectsANonNumericIdBeforeAnyCall() {
        JsonPath answer = GraphQLClient.run("campaign", "id", "abc");
        assertThat(answer.getString("errors[0].extensions.code"), equalTo("BAD_USER_INPUT"));
        assertThat(answer.getString("errors[0].message"), containsString("id"));
        assertThat(wire().getAllServeEvents(), hasSize(0));
    }

    @Test
    void messageReportsSendFiltersAsCleverTapSpellsThemAndSumDailyData() {
        stub(WireMock.post("/1/message/report.json").willReturn(json(200,
                """
                        {"status":"success","messages":[
                          {"message id":1457432766,"message_name":"Weekly digest","channel":"Email","status":"completed",
                           "data":[{"date":"20240302","sent":60,"viewed":30,"clicked":4},{"date":"20240301","sent":40,"viewed":10,"clicked":1}]},
                          {"message id":1457432799,"message_name":"Flash sale","channel":"Browser","status":"running",
                           "data":[[{"sent":5,"viewed":2,"clicked":1}]]}]}""")));

        JsonPath answer = GraphQLClient.run("messageReports", "range", MARCH, "channels", List.of("EMAIL", "WEBPUSH"),
                "statuses", List.of("COMPLETED", "RUNNING"), "daily", true);

        assertThat(answer.getList("data.messageReports.messageId"), contains("1457432766", "1457432799"));
        assertThat(answer.getList("data.messageReports.channel"), contains("EMAIL", "WEBPUSH"));
        assertThat(answer.getList("data.messageReports.sent", Long.class), contains(100L, 5L));
        assertThat(answer.getList("data.messageReports[0].daily.date"), contains("2024-03-01", "2024-03-02"));
        wire().verify(1, authenticated(WireMock.postRequestedFor(WireMock.urlEqualTo("/1/message/report.json")))
                .withRequestBody(WireMock.equalToJson("""
                        {"from":"20240301","to":"20240331","channel":["browser","email"],
                         "status":["completed","running"],"daily":true}""")));
    }

    @Test
    void dailyDataWithoutDatesIsMappedInOrderToTheDaysOfTheRequestedRange() {
        // the form the reference records: an array of per-day arrays, no dates
        stub(WireMock.post("/1/message/report.json").willReturn(json(200, """
                {"status":"success","messages":[
                  {"message id":1457432766,"message_name":"Weekly digest","channel":"Push","status":"completed",
                   "data":[[{"sent":5,"viewed":2,"clicked":1}],[{"sent":0,"viewed":0,"clicked":0}],
                           [{"sent":7,"viewed":3,"clicked":0},{"sent":1,"viewed":1,"clicked":1}]]}]}""")));

        JsonPath answer = GraphQLClient.run("messageReports", "range", Map.of("from", "2024-03-01", "to", "2024-03-03"),
                "daily", true);

        assertThat(answer.getList("errors"), nullValue());
        assertThat(answer.getList("data.messageReports[0].daily.date"), contains("2024-03-01", "2024-03-02", "2024-03-03"));
        assertThat(answer.getList("data.messageReports[0].daily.sent", Long.class), contains(5L, 0L, 8L));
        assertThat(answer.getList("data.messageReports[0].daily.clicked", Long.class), contains(1L, 0L, 1L));
        assertThat(answer.getLong("data.messageReports[0].sent"), equalTo(13L));
    }

    @Test
    void messageReportsRejectAChannelCleverTapCannotReportOn() {
        JsonPath answer = GraphQLClient.run("messageReports", "range", MARCH, "channels", List.of("NOTIFICATION_INBOX"));
        assertThat(answer.getString("errors[0].extensions.code"), equalTo("BAD_USER_INPUT"));
        assertThat(answer.getString("errors[0].message"), containsString("channels"));
        assertThat(wire().getAllServeEvents(), hasSize(0));
    }

    @Test
    void aReportFailureOtherThanNotReadyIsAnError() {
        stub(WireMock.post("/1/targets/list.json").willReturn(json(200,
                "{\"status\":\"success\",\"targets\":[{\"id\":1,\"name\":\"x\",\"status\":\"completed\"}]}")));
        stub(WireMock.post("/1/targets/result.json")
                .willReturn(json(400, "{\"status\":\"fail\",\"error\":\"Invalid target id\",\"code\":400}")));

        JsonPath answer = GraphQLClient.run("campaigns", "range", MARCH);

        assertThat(answer.getString("data.campaigns[0].name"), equalTo("x"));
        assertThat(answer.getString("data.campaigns[0].report"), nullValue());
        assertThat(answer.getString("errors[0].extensions.code"), equalTo("UPSTREAM_ERROR"));
    }

    @Test
    void campaignsRefuseARangeThatEndsBeforeItStarts() {
        JsonPath answer = GraphQLClient.run("campaignNames", "range", Map.of("from", "2024-03-31", "to", "2024-03-01"));
        assertThat(answer.getString("errors[0].extensions.code"), equalTo("BAD_USER_INPUT"));
        assertThat(answer.getString("errors[0].message"), containsString("range"));
        assertThat(wire().getAllServeEvents(), hasSize(0));
    }
}
