package dev.ctgraphql.contract;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.client.WireMock;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

import dev.ctgraphql.GraphQLClient;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.nullValue;

/**
 * The activity timeline's export on the wire: one event export per recent event name, filtered on the user's identity,
 * asking for the profile fields it checks each record against; records of other users are dropped.
 */
@QuarkusTest
@TestProfile(WireMockProfile.class)
class ProfileActivityWireContractTest extends WireContractTestBase {

    static final ZoneId ZONE = ZoneId.of("Asia/Kolkata");

    @Test
    void theExportAsksForProfileFieldsFiltersOnTheIdentityAndKeepsOnlyTheUsersRecords() {
        long now = System.currentTimeMillis() / 1000;
        long firstSeen = now - 3 * 86_400;
        long lastSeen = now - 86_400;
        stub(WireMock.get(WireMock.urlPathEqualTo("/1/profile.json")).willReturn(json(200, """
                {"status":"success","record":{"identity":"u-1","objectId":"__g1",
                  "events":{"Charged":{"count":2,"first_seen":%d,"last_seen":%d}}}}""".formatted(firstSeen, lastSeen))));
        stub(WireMock.post(WireMock.urlPathEqualTo("/1/events.json"))
                .willReturn(json(200, "{\"status\":\"success\",\"cursor\":\"c1\"}")));
        stub(WireMock.get(WireMock.urlEqualTo("/1/events.json?cursor=c1")).willReturn(json(200, """
                {"status":"success","records":[
                  {"profile":{"identity":"u-1","objectId":"__g1"},"ts":20240301101500,"event_props":{"Amount":5}},
                  {"profile":{"identity":"u-2","objectId":"__g2"},"ts":20240301101600,"event_props":{"Amount":6}},
                  {"ts":20240301101700,"event_props":{"Amount":7}}]}""")));

        JsonPath answer = GraphQLClient.run("profileActivity", "identity", "u-1", "days", 7, "limit", 10);

        assertThat(answer.getList("errors"), nullValue());
        assertThat(answer.getList("data.profile.activity.properties.Amount"), contains(5));
        DateTimeFormatter day = DateTimeFormatter.BASIC_ISO_DATE;
        String from = LocalDate.ofInstant(java.time.Instant.ofEpochSecond(firstSeen), ZONE).format(day);
        String to = LocalDate.ofInstant(java.time.Instant.ofEpochSecond(lastSeen), ZONE).format(day);
        wire().verify(1, authenticated(WireMock.postRequestedFor(
                WireMock.urlEqualTo("/1/events.json?batch_size=1000&app=false&events=false&profile=true")))
                .withHeader("Content-Type", WireMock.containing("application/json"))
                .withRequestBody(WireMock.equalToJson("""
                        {"event_name":"Charged","from":%s,"to":%s,"common_profile_properties":{"profile_fields":[
                          {"name":"Identity","operator":"equals","value":"u-1"}]}}""".formatted(from, to))));
        wire().verify(1, authenticated(WireMock.getRequestedFor(WireMock.urlEqualTo("/1/events.json?cursor=c1"))));
    }
}
