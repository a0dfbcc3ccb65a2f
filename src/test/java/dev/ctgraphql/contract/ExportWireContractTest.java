package dev.ctgraphql.contract;

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
import static org.hamcrest.Matchers.nullValue;

/** Event and profile exports (cursors) and single-profile reads on the wire. */
@QuarkusTest
@TestProfile(WireMockProfile.class)
class ExportWireContractTest extends WireContractTestBase {

    static final Map<String, Object> LAUNCHED = Map.of("eventName", "App Launched",
            "range", Map.of("from", "2022-11-19", "to", "2022-11-19"));

    /** CleverTap's cursors come percent-encoded; they must go back byte for byte. */
    static final String CURSOR_1 = "ZyZjKz4%2BNjY0PjA%3D%0A";
    static final String CURSOR_2 = "ZyZjKz4%2FYWJj%2B%3D%3D";

    static final String EVENT_PAGE_1 = """
            {"status":"success","next_cursor":"%s","records":[
              {"profile":{"objectId":"__g9e75e20dcf3d41ee","platform":"Android","os_version":"10","identity":"u-1",
                          "email":"u1@example.com","name":"Una","profileData":{"Plan":"Gold"},
                          "events":{"App Launched":{"count":1,"first_seen":1668817176,"last_seen":1668817176}}},
               "ts":20221119054937,"event_props":{"Install":"y"},
               "session_props":{"session_source":"Others","utm_source":"google-play"}}]}"""
            .formatted(CURSOR_2);

    @Test
    void eventsOpensACursorRetriesAPageStillInProgressAndPagesWithTheCursorUnchanged() {
        stub(WireMock.post(WireMock.urlPathEqualTo("/1/events.json"))
                .willReturn(json(200, "{\"status\":\"success\",\"cursor\":\"" + CURSOR_1 + "\"}")));
        stub(WireMock.get(WireMock.urlEqualTo("/1/events.json?cursor=" + CURSOR_1)).inScenario("cursor")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(200, "{\"status\":\"fail\",\"error\":\"Batch still in progress, please retry\"}"))
                .willSetStateTo("ready"));
        stub(WireMock.get(WireMock.urlEqualTo("/1/events.json?cursor=" + CURSOR_1)).inScenario("cursor")
                .whenScenarioStateIs("ready").willReturn(json(200, EVENT_PAGE_1)));

        JsonPath first = GraphQLClient.run("events", "query", LAUNCHED, "first", 250);

        assertThat(first.getString("data.events.nodes[0].name"), equalTo("App Launched"));
        // 05:49:37 in the project's zone (Asia/Kolkata in this profile), not UTC
        assertThat(first.getString("data.events.nodes[0].occurredAt"), equalTo("2022-11-19T05:49:37+05:30"));
        assertThat(first.getString("data.events.nodes[0].properties.Install"), equalTo("y"));
        assertThat(first.getString("data.events.nodes[0].sessionProperties.utm_source"), equalTo("google-play"));
        assertThat(first.getString("data.events.nodes[0].profile.identity"), equalTo("u-1"));
        assertThat(first.getString("data.events.nodes[0].profile.platforms[0].platform"), equalTo("Android"));
        assertThat(first.getString("data.events.pageInfo.endCursor"), equalTo(CURSOR_2));
        assertThat(first.getBoolean("data.events.pageInfo.hasNextPage"), equalTo(true));
        wire().verify(1, authenticated(WireMock.postRequestedFor(
                WireMock.urlEqualTo("/1/events.json?batch_size=250&app=true&events=true&profile=true")))
                .withRequestBody(WireMock.equalToJson("{\"event_name\":\"App Launched\",\"from\":20221119,\"to\":20221119}")));
        wire().verify(2, authenticated(WireMock.getRequestedFor(WireMock.urlEqualTo("/1/events.json?cursor=" + CURSOR_1))));

        stub(WireMock.get(WireMock.urlEqualTo("/1/events.json?cursor=" + CURSOR_2))
                .willReturn(json(200, "{\"status\":\"success\",\"records\":[{\"ts\":20221119060000,\"event_props\":{}}]}")));
        JsonPath second = GraphQLClient.run("events", "query", LAUNCHED, "first", 250, "after", CURSOR_2);

        assertThat(second.getList("data.events.nodes"), hasSize(1));
        assertThat(second.getString("data.events.pageInfo.endCursor"), nullValue());
        assertThat(second.getBoolean("data.events.pageInfo.hasNextPage"), equalTo(false));
        wire().verify(1, WireMock.getRequestedFor(WireMock.urlEqualTo("/1/events.json?cursor=" + CURSOR_2)));
    }

    @Test
    void anAnswerWithoutCursorIsAnEmptyLastPage() {
        stub(WireMock.post(WireMock.urlPathEqualTo("/1/events.json")).willReturn(json(200, "{\"status\":\"success\"}")));

        JsonPath answer = GraphQLClient.run("events", "query", LAUNCHED);

        assertThat(answer.getList("data.events.nodes"), hasSize(0));
        assertThat(answer.getBoolean("data.events.pageInfo.hasNextPage"), equalTo(false));
        wire().verify(1, WireMock
                .postRequestedFor(WireMock.urlEqualTo("/1/events.json?batch_size=100&app=true&events=true&profile=true")));
        wire().verify(0, WireMock.getRequestedFor(WireMock.urlPathEqualTo("/1/events.json")));
    }

    @Test
    void aCursorCleverTapCallsIncorrectUsageIsBadUserInputNamingAfter() {
        stub(WireMock.get(WireMock.urlPathEqualTo("/1/events.json"))
                .willReturn(json(400, "{\"status\":\"fail\",\"error\":\"Incorrect Usage\",\"code\":3}")));

        JsonPath answer = GraphQLClient.run("events", "query", LAUNCHED, "after", "stale%2Bcursor");

        assertThat(answer.getString("errors[0].extensions.code"), equalTo("BAD_USER_INPUT"));
        assertThat(answer.getString("errors[0].message"), containsString("after"));
        wire().verify(1, WireMock.getRequestedFor(WireMock.urlEqualTo("/1/events.json?cursor=stale%2Bcursor")));
    }

    @Test
    void badPagingArgumentsAreRejectedBeforeAnyCall() {
        JsonPath tooMany = GraphQLClient.run("events", "query", LAUNCHED, "first", 5001);
        assertThat(tooMany.getString("errors[0].extensions.code"), equalTo("BAD_USER_INPUT"));
        assertThat(tooMany.getString("errors[0].message"), containsString("first"));

        JsonPath backwards = GraphQLClient.run("profiles", "query", Map.of("eventName", "Charged",
                "range", Map.of("from", "2024-02-10", "to", "2024-02-01")));
        assertThat(backwards.getString("errors[0].extensions.code"), equalTo("BAD_USER_INPUT"));
        assertThat(backwards.getString("errors[0].message"), containsString("query.range"));

        assertThat(wire().getAllServeEvents(), hasSize(0));
    }

    @Test
    void profilesPagesProfileRecordsTakingObjectIdFromPlatformInfoWhenMissing() {
        stub(WireMock.post(WireMock.urlPathEqualTo("/1/profiles.json"))
                .willReturn(json(200, "{\"status\":\"success\",\"cursor\":\"" + CURSOR_1 + "\"}")));
        stub(WireMock.get(WireMock.urlEqualTo("/1/profiles.json?cursor=" + CURSOR_1)).willReturn(json(200, """
                {"status":"success","records":[{"identity":"61026032","email":"jack@example.com","name":"Jack",
                  "phone":"+14155551234","profileData":{"Customer Type":"Platinum"},
                  "events":{"App Launched":{"count":12,"first_seen":1668817176,"last_seen":1669817176},
                            "Charged":{"count":3,"first_seen":1668817176,"last_seen":1669817176}},
                  "platformInfo":[{"platform":"iOS","objectId":"__gabc","ls":1669817176}]}]}""")));

        JsonPath answer = GraphQLClient.run("profiles", "query", LAUNCHED, "first", 46);

        assertThat(answer.getString("data.profiles.nodes[0].objectId"), equalTo("__gabc"));
        assertThat(answer.getString("data.profiles.nodes[0].properties.'Customer Type'"), equalTo("Platinum"));
        assertThat(answer.getList("data.profiles.nodes[0].eventSummary.eventName"), contains("App Launched", "Charged"));
        assertThat(answer.getBoolean("data.profiles.pageInfo.hasNextPage"), equalTo(false));
        wire().verify(1, authenticated(WireMock.postRequestedFor(
                WireMock.urlEqualTo("/1/profiles.json?batch_size=46&app=true&events=true&profile=true")))
                .withHeader("Content-Type", WireMock.containing("application/json"))
                .withRequestBody(WireMock.equalToJson("{\"event_name\":\"App Launched\",\"from\":20221119,\"to\":20221119}")));
        wire().verify(1, authenticated(WireMock.getRequestedFor(WireMock.urlEqualTo("/1/profiles.json?cursor=" + CURSOR_1))));
    }

    @Test
    void profileByEmailSendsOnlyThatParameterAndMapsEverything() {
        stub(WireMock.get(WireMock.urlPathEqualTo("/1/profile.json")).willReturn(json(200, """
                {"status":"success","record":{"identity":"61026032","email":"jack@example.com","name":"Jack",
                  "objectId":"__g1","profileData":{"Plan":"Gold"},
                  "events":{"Charged":{"count":3,"first_seen":1700000000,"last_seen":1700086400}},
                  "platformInfo":[{"platform":"Android","os_version":"14","app_version":"2.1","make":"Google",
                                   "model":"Pixel 8","objectId":"__g1","ls":1700086400}]}}""")));

        JsonPath answer = GraphQLClient.run("profile", "email", "jack@example.com");

        assertThat(answer.getString("data.profile.identity"), equalTo("61026032"));
        assertThat(answer.getString("data.profile.platforms[0].model"), equalTo("Pixel 8"));
        assertThat(answer.getString("data.profile.eventSummary[0].firstSeen"), equalTo("2023-11-15T03:43:20+05:30"));
        assertThat(answer.getLong("data.profile.eventSummary[0].count"), equalTo(3L));
        wire().verify(1,
                authenticated(WireMock.getRequestedFor(WireMock.urlEqualTo("/1/profile.json?email=jack%40example.com"))));
    }

    @Test
    void aProfileCleverTapDoesNotHaveIsNull() {
        stub(WireMock.get(WireMock.urlPathEqualTo("/1/profile.json"))
                .willReturn(json(404, "{\"status\":\"fail\",\"error\":\"Profile not found\",\"code\":404}")));

        JsonPath answer = GraphQLClient.run("profile", "identity", "nobody");

        assertThat(answer.getString("data.profile"), nullValue());
        assertThat(answer.getList("errors"), nullValue());
    }

    @Test
    void profileNeedsExactlyOneIdentifierBeforeAnyCall() {
        JsonPath two = GraphQLClient.run("profile", "identity", "u-1", "email", "u1@example.com");
        assertThat(two.getString("errors[0].extensions.code"), equalTo("BAD_USER_INPUT"));
        assertThat(two.getString("errors[0].message"), containsString("only one"));

        JsonPath none = GraphQLClient.run("profile");
        assertThat(none.getString("errors[0].extensions.code"), equalTo("BAD_USER_INPUT"));

        assertThat(wire().getAllServeEvents(), hasSize(0));
    }
}
