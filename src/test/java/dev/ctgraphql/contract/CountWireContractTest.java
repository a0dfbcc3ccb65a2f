package dev.ctgraphql.contract;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

import dev.ctgraphql.GraphQLClient;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/** Counts, trends, top values and real-time counts on the wire, against stubs written from CleverTap's reference. */
@QuarkusTest
@TestProfile(WireMockProfile.class)
class CountWireContractTest extends WireContractTestBase {

    static final Map<String, Object> CHARGED = Map.of("eventName", "Charged",
            "range", Map.of("from", "2024-03-01", "to", "2024-03-07"),
            "eventProperties", List.of(Map.of("name", "Payment mode", "operator", "EQUALS", "value", List.of("UPI", "Card")),
                    Map.of("name", "Amount", "operator", "GREATER_THAN", "value", 100)),
            "profileFields", List.of(Map.of("name", "Premium", "operator", "EQUALS", "value", true)));

    static final String CHARGED_CQL = """
            {"event_name":"Charged","from":20240301,"to":20240307,
             "event_properties":[{"name":"Payment mode","operator":"equals","value":["UPI","Card"]},
                                 {"name":"Amount","operator":"greater_than","value":100}],
             "common_profile_properties":{"profile_fields":[{"name":"Premium","operator":"equals","value":"True"}]}}""";

    @Test
    void eventCountPostsCqlWithAuthHeadersAndPollsTheRequestIdUntilSuccess() {
        stub(WireMock.post("/1/counts/events.json").willReturn(json(200, "{\"status\":\"partial\",\"req_id\":777}")));
        stub(WireMock.get("/1/counts/events.json?req_id=777").inScenario("poll").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(200, "{\"status\":\"partial\",\"req_id\":777}")).willSetStateTo("ready"));
        stub(WireMock.get("/1/counts/events.json?req_id=777").inScenario("poll").whenScenarioStateIs("ready")
                .willReturn(json(200, "{\"status\":\"success\",\"count\":4321}")));

        JsonPath answer = GraphQLClient.run("eventCount", "query", CHARGED);

        assertThat(answer.getString("data.eventCount.status"), equalTo("COMPLETE"));
        assertThat(answer.getLong("data.eventCount.value"), equalTo(4321L));
        wire().verify(1, authenticated(WireMock.postRequestedFor(WireMock.urlEqualTo("/1/counts/events.json")))
                .withHeader("Content-Type", WireMock.containing("application/json"))
                .withRequestBody(WireMock.equalToJson(CHARGED_CQL)));
        wire().verify(2, authenticated(WireMock.getRequestedFor(WireMock.urlEqualTo("/1/counts/events.json?req_id=777"))));
    }

    @Test
    void aCountStillPartialAtTheDeadlineIsPendingAndCountResultResumesIt() {
        stub(WireMock.post("/1/counts/profiles.json").willReturn(json(200, "{\"status\":\"partial\",\"req_id\":9001}")));
        stub(WireMock.get("/1/counts/profiles.json?req_id=9001")
                .willReturn(json(200, "{\"status\":\"partial\",\"req_id\":9001}")));

        JsonPath pending = GraphQLClient.run("profileCount", "query", CHARGED);
        assertThat(pending.getString("data.profileCount.status"), equalTo("PENDING"));
        assertThat(pending.getString("data.profileCount.requestId"), equalTo("profiles-9001"));
        assertThat(pending.getString("data.profileCount.value"), nullValue());

        stub(WireMock.get("/1/counts/profiles.json?req_id=9001")
                .willReturn(json(200, "{\"status\":\"success\",\"count\":12}")));
        JsonPath done = GraphQLClient.run("countResult", "requestId", "profiles-9001");
        assertThat(done.getString("data.countResult.status"), equalTo("COMPLETE"));
        assertThat(done.getLong("data.countResult.value"), equalTo(12L));
        // a pending count is not cached: asking again submits again
        GraphQLClient.run("profileCount", "query", CHARGED);
        wire().verify(2, WireMock.postRequestedFor(WireMock.urlEqualTo("/1/counts/profiles.json")));
    }

    @Test
    void profileCountPostsTheCqlWithAuthHeadersAndPollsWithGet() {
        stub(WireMock.post("/1/counts/profiles.json").willReturn(json(200, "{\"status\":\"partial\",\"req_id\":4242}")));
        stub(WireMock.get("/1/counts/profiles.json?req_id=4242")
                .willReturn(json(200, "{\"status\":\"success\",\"count\":77}")));

        JsonPath answer = GraphQLClient.run("profileCount", "query", CHARGED);

        assertThat(answer.getString("data.profileCount.status"), equalTo("COMPLETE"));
        assertThat(answer.getLong("data.profileCount.value"), equalTo(77L));
        wire().verify(1, authenticated(WireMock.postRequestedFor(WireMock.urlEqualTo("/1/counts/profiles.json")))
                .withHeader("Content-Type", WireMock.containing("application/json"))
                .withRequestBody(WireMock.equalToJson(CHARGED_CQL)));
        wire().verify(1, authenticated(WireMock.getRequestedFor(WireMock.urlEqualTo("/1/counts/profiles.json?req_id=4242"))));
    }

    @Test
    void topPropertyValuesPollsAPartialAnswerByRequestId() {
        stub(WireMock.post("/1/counts/top.json").willReturn(json(200, "{\"status\":\"partial\",\"req_id\":31337}")));
        stub(WireMock.get("/1/counts/top.json?req_id=31337").willReturn(json(200,
                "{\"status\":\"success\",\"values\":{\"UPI\":40,\"Card\":75}}")));

        JsonPath answer = GraphQLClient.run("top", "query", Map.of("eventName", "Charged",
                "range", Map.of("from", "2024-03-01", "to", "2024-03-31")),
                "property", Map.of("kind", "PROFILE_FIELD", "name", "City"), "limit", 5);

        assertThat(answer.getList("errors"), nullValue());
        assertThat(answer.getList("data.topPropertyValues.value"), contains("Card", "UPI"));
        wire().verify(1, authenticated(WireMock.postRequestedFor(WireMock.urlEqualTo("/1/counts/top.json")))
                .withHeader("Content-Type", WireMock.containing("application/json"))
                .withRequestBody(WireMock.matchingJsonPath("$.groups.values.name", WireMock.equalTo("City"))));
        wire().verify(1, authenticated(WireMock.getRequestedFor(WireMock.urlEqualTo("/1/counts/top.json?req_id=31337"))));
    }

    @Test
    void aCompleteCountIsServedFromTheCacheTheSecondTime() {
        stub(WireMock.post("/1/counts/events.json").willReturn(json(200, "{\"status\":\"success\",\"count\":5}")));

        GraphQLClient.run("eventCount", "query", CHARGED);
        JsonPath second = GraphQLClient.run("eventCount", "query", CHARGED);

        assertThat(second.getLong("data.eventCount.value"), equalTo(5L));
        wire().verify(1, WireMock.postRequestedFor(WireMock.urlEqualTo("/1/counts/events.json")));
    }

    @Test
    void countResultRejectsARequestIdItDidNotIssueWithoutCallingCleverTap() {
        JsonPath answer = GraphQLClient.run("countResult", "requestId", "12345");
        assertThat(answer.getString("errors[0].extensions.code"), equalTo("BAD_USER_INPUT"));
        assertThat(answer.getString("errors[0].message"), containsString("requestId"));
        assertThat(wire().getAllServeEvents(), hasSize(0));
    }

    @Test
    void trendSendsGroupsAndReadsDailyBucketsFillingGaps() {
        stub(WireMock.post("/1/counts/trends.json").willReturn(json(200, "{\"status\":\"partial\",\"req_id\":55}")));
        stub(WireMock.get("/1/counts/trends.json?req_id=55").willReturn(json(200,
                "{\"status\":\"success\",\"trend\":{\"20240301\":10,\"20240302\":7.5,\"20240304\":3}}")));

        JsonPath answer = GraphQLClient.run("trend", "query", Map.of("eventName", "Charged",
                "range", Map.of("from", "2024-03-01", "to", "2024-03-04")), "granularity", "DAILY", "sumProperty", "Amount");

        assertThat(answer.getList("data.trend.start"), contains("2024-03-01", "2024-03-02", "2024-03-03", "2024-03-04"));
        assertThat(answer.getList("data.trend.value", Float.class), contains(10.0f, 7.5f, 0.0f, 3.0f));
        wire().verify(authenticated(WireMock.postRequestedFor(WireMock.urlEqualTo("/1/counts/trends.json")))
                .withRequestBody(WireMock.equalToJson("""
                        {"event_name":"Charged","from":20240301,"to":20240304,"sum_event_prop":"Amount",
                         "groups":{"trend":{"trend_type":"daily"}}}""")));
    }

    @Test
    void topPropertyValuesSendsTheGroupAndSortsByCount() {
        stub(WireMock.post("/1/counts/top.json").willReturn(json(200,
                "{\"status\":\"success\",\"values\":{\"UPI\":40,\"Credit Card\":75,\"PayPal\":3}}")));

        JsonPath answer = GraphQLClient.run("top", "query", Map.of("eventName", "Charged",
                "range", Map.of("from", "2024-03-01", "to", "2024-03-31")),
                "property", Map.of("kind", "EVENT_PROPERTY", "name", "Payment mode"), "limit", 2);

        assertThat(answer.getList("data.topPropertyValues.value"), contains("Credit Card", "UPI"));
        assertThat(answer.getList("data.topPropertyValues.count", Long.class), contains(75L, 40L));
        wire().verify(WireMock.postRequestedFor(WireMock.urlEqualTo("/1/counts/top.json")).withRequestBody(WireMock.equalToJson(
                """
                        {"event_name":"Charged","from":20240301,"to":20240331,
                         "groups":{"values":{"property_type":"event_properties","name":"Payment mode","top_n":2,"order":"desc"}}}""")));
    }

    @Test
    void realtimeAsksForTheSplitsAndReadsThem() {
        stub(WireMock.post("/1/now.json").willReturn(json(200,
                "{\"status\":\"success\",\"count\":17,\"os\":{\"Android\":10,\"iOS\":7}}")));

        JsonPath answer = GraphQLClient.run("realtime", "splitBy", List.of("OS"));

        assertThat(answer.getLong("data.realtimeUserCount.total"), equalTo(17L));
        assertThat(answer.getList("data.realtimeUserCount.breakdown.value"), contains("Android", "iOS"));
        assertThat(answer.getList("data.realtimeUserCount.breakdown.dimension"), contains("OS", "OS"));
        wire().verify(authenticated(WireMock.postRequestedFor(WireMock.urlEqualTo("/1/now.json")))
                .withRequestBody(WireMock.equalToJson("{\"os\":true}")));
    }

    @Test
    void invalidCredentialsAreUpstreamAuthFailedAndNeverEchoed() {
        stub(WireMock.post("/1/counts/events.json").willReturn(json(401,
                "{\"status\":\"fail\",\"error\":\"Account ID is not valid\",\"code\":401}")));

        String raw = GraphQLClient.post("eventCount", "query", CHARGED).then().statusCode(200).extract().asString();
        JsonPath answer = JsonPath.from(raw);

        assertThat(answer.getString("errors[0].extensions.code"), equalTo("UPSTREAM_AUTH_FAILED"));
        assertThat(raw, not(containsString(WireMockCleverTap.PASSCODE)));
        assertThat(raw, not(containsString("127.0.0.1")));
        assertThat(raw, not(containsString("Account ID is not valid")));
        wire().verify(1, WireMock.postRequestedFor(WireMock.urlEqualTo("/1/counts/events.json")));
    }

    @Test
    void a429IsRetriedWithBackoffThenReportedAsRateLimited() {
        stub(WireMock.post("/1/counts/events.json").willReturn(json(429,
                "{\"status\":\"fail\",\"error\":\"Too many concurrent requests\",\"code\":429}")));

        JsonPath answer = GraphQLClient.run("eventCount", "query", CHARGED);

        assertThat(answer.getString("errors[0].extensions.code"), equalTo("UPSTREAM_RATE_LIMITED"));
        wire().verify(4, WireMock.postRequestedFor(WireMock.urlEqualTo("/1/counts/events.json")));
    }

    @Test
    void a429ThatClearsIsInvisibleToTheClient() {
        stub(WireMock.post("/1/counts/events.json").inScenario("busy").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(429, "{\"status\":\"fail\",\"error\":\"Too many concurrent requests\",\"code\":429}"))
                .willSetStateTo("free"));
        stub(WireMock.post("/1/counts/events.json").inScenario("busy").whenScenarioStateIs("free")
                .willReturn(json(200, "{\"status\":\"success\",\"count\":8}")));

        JsonPath answer = GraphQLClient.run("eventCount", "query", CHARGED);

        assertThat(answer.getLong("data.eventCount.value"), equalTo(8L));
        assertThat(answer.getList("errors"), nullValue());
    }

    @Test
    void http200WithStatusFailIsAnUpstreamError() {
        stub(WireMock.post("/1/counts/events.json").willReturn(json(200,
                "{\"status\":\"fail\",\"error\":\"Event name not recognised\",\"code\":400}")));

        JsonPath answer = GraphQLClient.run("eventCount", "query", CHARGED);

        assertThat(answer.getString("errors[0].extensions.code"), equalTo("UPSTREAM_ERROR"));
        assertThat(answer.getString("data"), nullValue());
    }

    @Test
    void a503IsRetriedThenReportedAsUnavailable() {
        stub(WireMock.post("/1/now.json").willReturn(json(503, "{\"status\":\"fail\",\"error\":\"Service unavailable\"}")));

        JsonPath answer = GraphQLClient.run("realtime");

        assertThat(answer.getString("errors[0].extensions.code"), equalTo("UPSTREAM_UNAVAILABLE"));
        wire().verify(4, WireMock.postRequestedFor(WireMock.urlEqualTo("/1/now.json")));
    }

    @Test
    void profileCountWithAnEmptyEventNameIsRefusedBeforeAnyCall() {
        JsonPath answer = GraphQLClient.run("profileCount", "query", Map.of("eventName", " ",
                "range", Map.of("from", "2024-03-01", "to", "2024-03-02")));
        assertThat(answer.getString("errors[0].extensions.code"), equalTo("BAD_USER_INPUT"));
        assertThat(answer.getString("errors[0].message"), containsString("query.eventName"));
        assertThat(wire().getAllServeEvents(), hasSize(0));
    }

    @Test
    void trendRefusesUniqueTogetherWithASumBeforeAnyCall() {
        JsonPath answer = GraphQLClient.run("trend", "query", CHARGED, "granularity", "WEEKLY", "unique", true,
                "sumProperty", "Amount");
        assertThat(answer.getString("errors[0].extensions.code"), equalTo("BAD_USER_INPUT"));
        assertThat(answer.getString("errors[0].message"), containsString("unique"));
        assertThat(wire().getAllServeEvents(), hasSize(0));
    }

    @Test
    void topPropertyValuesRefusesALimitOutOfRangeBeforeAnyCall() {
        JsonPath answer = GraphQLClient.run("top", "query", CHARGED,
                "property", Map.of("kind", "PROFILE_FIELD", "name", "Customer Type"), "limit", 0);
        assertThat(answer.getString("errors[0].extensions.code"), equalTo("BAD_USER_INPUT"));
        assertThat(answer.getString("errors[0].message"), containsString("limit"));
        assertThat(wire().getAllServeEvents(), hasSize(0));
    }

    @Test
    void aRangeLongerThanAYearIsRefusedBeforeAnyCall() {
        JsonPath answer = GraphQLClient.run("eventCount", "query", Map.of("eventName", "Charged",
                "range", Map.of("from", "2022-01-01", "to", "2024-01-01")));
        assertThat(answer.getString("errors[0].extensions.code"), equalTo("BAD_USER_INPUT"));
        assertThat(answer.getString("errors[0].message"), containsString("366 days"));
        assertThat(wire().getAllServeEvents(), hasSize(0));
    }
}
