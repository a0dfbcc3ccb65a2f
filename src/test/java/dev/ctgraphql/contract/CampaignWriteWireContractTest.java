package dev.ctgraphql.contract;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.Fault;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

import dev.ctgraphql.GraphQLClient;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

/** Creating, estimating and stopping campaigns on the wire, and the cached campaign reads they invalidate. */
@QuarkusTest
@TestProfile(WireMockProfile.class)
class CampaignWriteWireContractTest extends WireContractTestBase {

    static final String CREATE = "/1/targets/create.json";
    static final String STOP = "/1/targets/stop.json";
    static final String LIST = "/1/targets/list.json";
    static final Map<String, Object> MARCH = Map.of("from", "2024-03-01", "to", "2024-03-31");

    static final Map<String, Object> SPRING_PUSH = Map.of("name", "Spring sale", "channel", "PUSH",
            "audience", Map.of("eventName", "Charged", "range", Map.of("from", "2024-03-01", "to", "2024-03-07")),
            "content", Map.of("title", "Hi!", "body", "20% off today", "deepLink", "myapp://sale"));

    static final String SPRING_PUSH_BODY = """
            {"name":"Spring sale","target_mode":"push",
             "where":{"event_name":"Charged","from":20240301,"to":20240307},
             "content":{"title":"Hi!","body":"20% off today",
                        "platform_specific":{"android":{"deep_link":"myapp://sale"},"ios":{"deep_link":"myapp://sale"}}},
             "devices":["android","ios"],"when":"now"}""";

    @Test
    void aPushCampaignIsCreatedWithItsAudienceContentAndDevices() {
        stub(WireMock.post(CREATE).willReturn(json(200, "{\"status\":\"success\",\"id\":1700001234}")));

        JsonPath answer = GraphQLClient.run("createCampaign", "input", SPRING_PUSH);

        assertThat(answer.getList("errors"), nullValue());
        assertThat(answer.getString("data.createCampaign.campaign.id"), equalTo("1700001234"));
        assertThat(answer.getString("data.createCampaign.campaign.name"), equalTo("Spring sale"));
        // CleverTap said only the id: status and start stay unknown until the campaign is read back
        assertThat(answer.getString("data.createCampaign.campaign.status"), nullValue());
        assertThat(answer.getString("data.createCampaign.campaign.scheduledAt"), nullValue());
        assertThat(answer.getString("data.createCampaign.campaign.channel"), equalTo("PUSH"));
        assertThat(answer.getString("data.createCampaign.estimatedReach"), nullValue());
        wire().verify(1, authenticated(WireMock.postRequestedFor(WireMock.urlEqualTo(CREATE)))
                .withHeader("Content-Type", WireMock.containing("application/json"))
                .withRequestBody(WireMock.equalToJson(SPRING_PUSH_BODY)));
        assertThat(wire().getAllServeEvents(), hasSize(1));
    }

    @Test
    void aScheduledEmailIsSentWithWhenInTheProjectsZoneSubjectAndSenderName() {
        stub(WireMock.post(CREATE).willReturn(json(200, "{\"status\":\"success\",\"id\":1700005678}")));
        LocalDate day = LocalDate.now(ZoneOffset.UTC).plusDays(10);
        // 04:00 UTC is 09:30 in Asia/Kolkata, the same day
        OffsetDateTime sendAt = day.atTime(4, 0).atOffset(ZoneOffset.UTC);

        JsonPath answer = GraphQLClient.run("createCampaign", "input", Map.of("name", "Weekly digest", "channel", "EMAIL",
                "content", Map.of("subject", "This week", "body", "<p>News</p>", "senderName", "Acme"),
                "sendAt", sendAt.toString()));

        assertThat(answer.getList("errors"), nullValue());
        assertThat(answer.getString("data.createCampaign.campaign.id"), equalTo("1700005678"));
        assertThat(answer.getString("data.createCampaign.campaign.status"), nullValue());
        assertThat(answer.getString("data.createCampaign.campaign.channel"), equalTo("EMAIL"));
        assertThat(answer.getString("data.createCampaign.campaign.scheduledAt"), nullValue());
        String when = day.format(DateTimeFormatter.BASIC_ISO_DATE) + " 09:30";
        wire().verify(1, authenticated(WireMock.postRequestedFor(WireMock.urlEqualTo(CREATE)))
                .withRequestBody(WireMock.equalToJson("""
                        {"name":"Weekly digest","target_mode":"email","where":{},
                         "content":{"subject":"This week","body":"<p>News</p>","sender_name":"Acme"},
                         "when":"%s"}""".formatted(when))));
    }

    @Test
    void estimateOnlyAsksForTheReachAndCreatesNothing() {
        stub(WireMock.post(LIST).willReturn(json(200, "{\"status\":\"success\",\"targets\":[]}")));
        stub(WireMock.post(CREATE).willReturn(json(200, "{\"status\":\"success\",\"estimates\":{\"total\":1234}}")));
        GraphQLClient.run("campaigns", "range", MARCH);

        JsonPath answer = GraphQLClient.run("createCampaign", "input", SPRING_PUSH, "estimateOnly", true);

        assertThat(answer.getList("errors"), nullValue());
        assertThat(answer.getString("data.createCampaign.campaign"), nullValue());
        assertThat(answer.getLong("data.createCampaign.estimatedReach"), equalTo(1234L));
        String estimateBody = SPRING_PUSH_BODY.substring(0, SPRING_PUSH_BODY.lastIndexOf('}')) + ",\"estimate_only\":true}";
        wire().verify(1, authenticated(WireMock.postRequestedFor(WireMock.urlEqualTo(CREATE)))
                .withRequestBody(WireMock.equalToJson(estimateBody)));
        // nothing was created, so the cached campaign list still holds
        GraphQLClient.run("campaigns", "range", MARCH);
        wire().verify(1, WireMock.postRequestedFor(WireMock.urlEqualTo(LIST)));
    }

    @Test
    void creatingACampaignDropsTheCachedCampaignLists() {
        stub(WireMock.post(LIST).willReturn(json(200, "{\"status\":\"success\",\"targets\":[]}")));
        stub(WireMock.post(CREATE).willReturn(json(200, "{\"status\":\"success\",\"id\":1700001234}")));

        GraphQLClient.run("campaigns", "range", MARCH);
        GraphQLClient.run("campaigns", "range", MARCH);
        wire().verify(1, WireMock.postRequestedFor(WireMock.urlEqualTo(LIST)));

        GraphQLClient.run("createCampaign", "input", SPRING_PUSH);
        GraphQLClient.run("campaigns", "range", MARCH);

        wire().verify(2, WireMock.postRequestedFor(WireMock.urlEqualTo(LIST))
                .withRequestBody(WireMock.equalToJson("{\"from\":20240301,\"to\":20240331}")));
    }

    @Test
    void anEmailWithoutSubjectIsRefusedBeforeAnyCall() {
        JsonPath answer = GraphQLClient.run("createCampaign", "input", Map.of("name", "Digest", "channel", "EMAIL",
                "content", Map.of("body", "<p>News</p>", "senderName", "Acme")));

        assertThat(answer.getString("errors[0].extensions.code"), equalTo("BAD_USER_INPUT"));
        assertThat(answer.getString("errors[0].message"), containsString("input.content.subject"));
        assertThat(wire().getAllServeEvents(), hasSize(0));
    }

    @Test
    void anInAppCampaignIsRefusedBeforeAnyCall() {
        JsonPath answer = GraphQLClient.run("createCampaign", "input", Map.of("name", "Banner", "channel", "INAPP",
                "content", Map.of("title", "Hi", "body", "Hello")));

        assertThat(answer.getString("errors[0].extensions.code"), equalTo("BAD_USER_INPUT"));
        assertThat(answer.getString("errors[0].message"), containsString("input.channel"));
        assertThat(wire().getAllServeEvents(), hasSize(0));
    }

    @Test
    void aSendTimeInThePastIsRefusedBeforeAnyCall() {
        Map<String, Object> input = new HashMap<>(SPRING_PUSH);
        input.put("sendAt", OffsetDateTime.now(ZoneOffset.UTC).minusHours(2).withNano(0).toString());

        JsonPath answer = GraphQLClient.run("createCampaign", "input", input);

        assertThat(answer.getString("errors[0].extensions.code"), equalTo("BAD_USER_INPUT"));
        assertThat(answer.getString("errors[0].message"), containsString("input.sendAt"));
        assertThat(wire().getAllServeEvents(), hasSize(0));
    }

    @Test
    void aCreateAnswerWithoutAnIdIsAnErrorAndIsNotSentAgain() {
        stub(WireMock.post(CREATE).willReturn(json(200, "{\"status\":\"success\"}")));

        JsonPath answer = GraphQLClient.run("createCampaign", "input", SPRING_PUSH);

        assertThat(answer.getString("errors[0].extensions.code"), equalTo("UPSTREAM_ERROR"));
        assertThat(answer.getString("errors[0].message"), containsString("no campaign id"));
        assertThat(answer.getString("data.createCampaign"), nullValue());
        wire().verify(1, WireMock.postRequestedFor(WireMock.urlEqualTo(CREATE)));
    }

    @Test
    void aCreateCleverTapRefusesIsAnUpstreamError() {
        stub(WireMock.post(CREATE).willReturn(json(400,
                "{\"status\":\"fail\",\"error\":\"Invalid provider_nick_name\",\"code\":400}")));

        JsonPath answer = GraphQLClient.run("createCampaign", "input", SPRING_PUSH);

        assertThat(answer.getString("errors[0].extensions.code"), equalTo("UPSTREAM_ERROR"));
        assertThat(answer.getString("data.createCampaign"), nullValue());
        wire().verify(1, WireMock.postRequestedFor(WireMock.urlEqualTo(CREATE)));
    }

    @Test
    void aCreateWhoseAnswerWasLostIsNotSentAgain() {
        stub(WireMock.post(CREATE).willReturn(WireMock.aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        JsonPath answer = GraphQLClient.run("createCampaign", "input", SPRING_PUSH);

        // the campaign may exist: sending it again could create it twice
        assertThat(answer.getString("errors[0].extensions.code"), equalTo("UPSTREAM_UNAVAILABLE"));
        wire().verify(1, WireMock.postRequestedFor(WireMock.urlEqualTo(CREATE)));
    }

    @Test
    void stopSendsTheNumericIdAndIsOkOnSuccess() {
        stub(WireMock.post(STOP).willReturn(json(200, "{\"status\":\"success\"}")));

        JsonPath answer = GraphQLClient.run("stopCampaign", "id", "1457432766");

        assertThat(answer.getBoolean("data.stopCampaign.ok"), equalTo(true));
        assertThat(answer.getString("data.stopCampaign.message"), equalTo("Stopped campaign 1457432766"));
        wire().verify(1, authenticated(WireMock.postRequestedFor(WireMock.urlEqualTo(STOP)))
                .withHeader("Content-Type", WireMock.containing("application/json"))
                .withRequestBody(WireMock.equalToJson("{\"id\":1457432766}")));
    }

    @Test
    void aStopCleverTapRefusesIsNotOk() {
        stub(WireMock.post(STOP).willReturn(json(400,
                "{\"status\":\"fail\",\"error\":\"Campaign has already completed\",\"code\":400}")));

        JsonPath answer = GraphQLClient.run("stopCampaign", "id", "1457432766");

        assertThat(answer.getList("errors"), nullValue());
        assertThat(answer.getBoolean("data.stopCampaign.ok"), equalTo(false));
        assertThat(answer.getString("data.stopCampaign.message"), containsString("did not stop campaign 1457432766"));
        wire().verify(1, WireMock.postRequestedFor(WireMock.urlEqualTo(STOP)));
    }

    @Test
    void stopRejectsANonNumericIdBeforeAnyCall() {
        JsonPath answer = GraphQLClient.run("stopCampaign", "id", "spring-sale");

        assertThat(answer.getString("errors[0].extensions.code"), equalTo("BAD_USER_INPUT"));
        assertThat(answer.getString("errors[0].message"), containsString("id"));
        assertThat(wire().getAllServeEvents(), hasSize(0));
    }

    @Test
    void stoppingACampaignDropsTheCachedListAndItsReport() {
        stub(WireMock.post(LIST).willReturn(json(200, """
                {"status":"success","targets":[
                  {"id":1457432766,"name":"green freedom","scheduled_on":202403171300,"status":"running"}]}""")));
        stub(WireMock.post("/1/targets/result.json")
                .willReturn(json(200, "{\"status\":\"success\",\"result\":{\"sent\":82,\"clicked\":9}}")));
        stub(WireMock.post(STOP).willReturn(json(200, "{\"status\":\"success\"}")));

        GraphQLClient.run("campaigns", "range", MARCH);
        GraphQLClient.run("campaigns", "range", MARCH);
        wire().verify(1, WireMock.postRequestedFor(WireMock.urlEqualTo(LIST)));
        wire().verify(1, WireMock.postRequestedFor(WireMock.urlEqualTo("/1/targets/result.json")));

        GraphQLClient.run("stopCampaign", "id", "1457432766");
        stub(WireMock.post(LIST).willReturn(json(200, """
                {"status":"success","targets":[
                  {"id":1457432766,"name":"green freedom","scheduled_on":202403171300,"status":"stopped"}]}""")));
        JsonPath after = GraphQLClient.run("campaigns", "range", MARCH);

        assertThat(after.getString("data.campaigns[0].status"), equalTo("STOPPED"));
        wire().verify(2, WireMock.postRequestedFor(WireMock.urlEqualTo(LIST)));
        wire().verify(2, WireMock.postRequestedFor(WireMock.urlEqualTo("/1/targets/result.json"))
                .withRequestBody(WireMock.equalToJson("{\"id\":1457432766}")));
    }
}
