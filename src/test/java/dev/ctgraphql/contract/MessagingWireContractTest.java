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

/**
 * Profile management, sends, External Triggers and custom lists on the wire: paths, methods, both auth headers (and
 * the trigger token on v2 only), bodies, and bad input refused before any call.
 */
@QuarkusTest
@TestProfile(WireMockProfile.class)
class MessagingWireContractTest extends WireContractTestBase {

    private static final String SUCCESS = "{\"status\":\"success\"}";

    @Test
    void demergeSendsTheIdentitiesInCallsOf100() {
        stub(WireMock.post("/1/demerge/profiles.json").willReturn(json(200, SUCCESS)));
        List<String> identities = java.util.stream.IntStream.range(0, 150).mapToObj(i -> "merged-" + i).toList();

        JsonPath answer = GraphQLClient.run("demergeProfiles", "identities", identities);

        assertThat(answer.getBoolean("data.demergeProfiles.ok"), equalTo(true));
        wire().verify(2, authenticated(WireMock.postRequestedFor(WireMock.urlEqualTo("/1/demerge/profiles.json"))));
        wire().verify(WireMock.postRequestedFor(WireMock.urlEqualTo("/1/demerge/profiles.json"))
                .withRequestBody(WireMock.equalToJson("{\"identities\":" + json(identities.subList(100, 150)) + "}")));
    }

    @Test
    void subscriptionChangesAreOneDArrayAndCleverTapsRefusalsComeBackByIndex() {
        stub(WireMock.post("/1/subscribe").willReturn(json(200, """
                {"status":"partial","processed":1,"unprocessed":[{"status":"fail","code":400,
                 "error":"Invalid phone. Skipped record number : 2","record":{}}]}""")));

        JsonPath answer = GraphQLClient.run("updateSubscriptions", "changes", List.of(
                Map.of("channel", "EMAIL", "value", "a@example.com", "action", "UNSUBSCRIBE"),
                Map.of("channel", "not-valid", "value", "x", "action", "UNSUBSCRIBE"),
                Map.of("channel", "PHONE", "value", "12", "action", "RESUBSCRIBE"),
                Map.of("channel", "WHATSAPP", "value", "+919876543210", "action", "RESUBSCRIBE")));
        // the second change is not even valid GraphQL: the whole request is refused before any call
        assertThat(answer.getString("errors[0].extensions.code"), equalTo("BAD_USER_INPUT"));
        assertThat(wire().getAllServeEvents(), hasSize(0));

        answer = GraphQLClient.run("updateSubscriptions", "changes", List.of(
                Map.of("channel", "EMAIL", "value", "a@example.com", "action", "UNSUBSCRIBE"),
                Map.of("channel", "PHONE", "value", "12", "action", "RESUBSCRIBE"),
                Map.of("channel", "WHATSAPP", "value", "+919876543210", "action", "RESUBSCRIBE")));

        assertThat(answer.getString("data.updateSubscriptions.status"), equalTo("PARTIAL"));
        assertThat(answer.getInt("data.updateSubscriptions.accepted"), equalTo(1));
        assertThat(answer.getList("data.updateSubscriptions.rejected.index"), contains(1, 2));
        assertThat(answer.getList("data.updateSubscriptions.rejected.code"), contains(516, 400));
        wire().verify(1, authenticated(WireMock.postRequestedFor(WireMock.urlEqualTo("/1/subscribe")))
                .withRequestBody(WireMock.equalToJson("""
                        {"d":[{"type":"email","value":"a@example.com","status":"Unsubscribe"},
                              {"type":"whatsapp","value":"+919876543210","status":"Resubscribe"}]}""")));
    }

    @Test
    void disassociationSendsPhoneRecords() {
        stub(WireMock.post("/1/disassociate")
                .willReturn(json(200, "{\"status\":\"success\",\"processed\":1,\"unprocessed\":[]}")));

        JsonPath answer = GraphQLClient.run("disassociatePhones", "phones", List.of("+14155550100", "4155550100"));

        assertThat(answer.getString("data.disassociatePhones.status"), equalTo("PARTIAL"));
        assertThat(answer.getList("data.disassociatePhones.rejected.index"), contains(1));
        wire().verify(1, authenticated(WireMock.postRequestedFor(WireMock.urlEqualTo("/1/disassociate")))
                .withRequestBody(WireMock.equalToJson("{\"d\":[{\"type\":\"phone\",\"value\":\"+14155550100\"}]}")));
    }

    @Test
    void aPushGoesToTheChannelsPathWithDeepLinksPerPlatformAndIsNeverRetried() {
        stub(WireMock.post("/1/send/push.json").willReturn(json(200,
                "{\"status\":\"success\",\"message\":\"Added to queue for processing\"}")));

        JsonPath answer = GraphQLClient.run("sendMessage", "input", Map.of("channel", "PUSH",
                "to", Map.of("identities", List.of("u-1", "u-2"), "emails", List.of("c@example.com")),
                "content", Map.of("title", "Hello", "body", "Your order shipped", "deepLink", "app://orders",
                        "platformSpecific", Map.of("android", Map.of("wzrk_cid", "Orders"))),
                "tagGroup", "order-updates", "respectFrequencyCaps", false));

        assertThat(answer.getList("errors"), nullValue());
        assertThat(answer.getInt("data.sendMessage.recipients"), equalTo(3));
        assertThat(answer.getString("data.sendMessage.message"), equalTo("Added to queue for processing"));
        wire().verify(1, authenticated(WireMock.postRequestedFor(WireMock.urlEqualTo("/1/send/push.json")))
                .withRequestBody(WireMock.equalToJson(
                        """
                                {"to":{"Identity":["u-1","u-2"],"Email":["c@example.com"]},"tag_group":"order-updates",
                                 "respect_frequency_caps":false,
                                 "content":{"title":"Hello","body":"Your order shipped","platform_specific":{
                                   "android":{"wzrk_cid":"Orders","deep_link":"app://orders"},"ios":{"deep_link":"app://orders"}}}}""")));

        wire().resetAll();
        stub(WireMock.post("/1/send/email.json").willReturn(WireMock.aResponse().withFault(
                com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER)));
        JsonPath lost = GraphQLClient.run("sendMessage", "input", Map.of("channel", "EMAIL",
                "to", Map.of("objectIds", List.of("__g1")),
                "content", Map.of("subject", "Receipt", "senderName", "Shop", "body", "<p>Thanks</p>")));
        assertThat(lost.getString("data.sendMessage"), nullValue());
        assertThat(lost.getList("errors"), hasSize(1));
        wire().verify(1, WireMock.postRequestedFor(WireMock.urlEqualTo("/1/send/email.json"))
                .withRequestBody(WireMock.equalToJson(
                        """
                                {"to":{"objectId":["__g1"]},"content":{"subject":"Receipt","sender_name":"Shop","body":"<p>Thanks</p>"}}""")));
    }

    @Test
    void sendsCleverTapCannotMakeAreRefusedBeforeAnyCall() {
        for (Map<String, Object> input : List.<Map<String, Object>>of(
                Map.of("channel", "INAPP", "to", Map.of("identities", List.of("u")), "content",
                        Map.of("title", "t", "body", "b")),
                Map.of("channel", "PUSH", "to", Map.of("identities", List.of("u")), "content", Map.of("body", "no title")),
                Map.of("channel", "EMAIL", "to", Map.of("identities", List.of("u")), "content", Map.of("body", "no subject")),
                Map.of("channel", "SMS", "to", Map.of(), "content", Map.of("body", "nobody")))) {
            JsonPath answer = GraphQLClient.run("sendMessage", "input", input);
            assertThat(input.toString(), answer.getString("errors[0].extensions.code"), equalTo("BAD_USER_INPUT"));
        }
        assertThat(wire().getAllServeEvents(), hasSize(0));
    }

    @Test
    void oneTriggerGoesThroughV1WithoutTheTokenAndSeveralThroughV2WithIt() {
        stub(WireMock.post("/1/send/externaltrigger.json").willReturn(json(200, SUCCESS)));
        stub(WireMock.post("/2/send/externaltrigger.json").willReturn(json(200, SUCCESS)));
        Map<String, Object> first = Map.of("campaignId", "1695721550", "to", Map.of("emails", List.of("user@example.com")),
                "values", Map.of("Name", "John Doe", "productDetails",
                        List.of(Map.of("productName", "Apple Watch", "productID", "APPL2209"))));
        Map<String, Object> second = Map.of("campaignId", "1695721551", "to", Map.of("identities", List.of("u-7")));

        JsonPath one = GraphQLClient.run("triggerExternalCampaign", "sends", List.of(first));
        JsonPath two = GraphQLClient.run("triggerExternalCampaign", "sends", List.of(first, second));

        assertThat(one.getInt("data.triggerExternalCampaign.apiVersion"), equalTo(1));
        assertThat(two.getInt("data.triggerExternalCampaign.apiVersion"), equalTo(2));
        assertThat(two.getInt("data.triggerExternalCampaign.recipients"), equalTo(2));
        String v1 = """
                {"to":{"email":["user@example.com"]},"campaign_id":"1695721550",
                 "ExternalTrigger":{"Name":"John Doe","productDetails":[{"productName":"Apple Watch","productID":"APPL2209"}]}}""";
        wire().verify(1, authenticated(WireMock.postRequestedFor(WireMock.urlEqualTo("/1/send/externaltrigger.json")))
                .withoutHeader("X-CleverTap-Token").withRequestBody(WireMock.equalToJson(v1)));
        wire().verify(1, authenticated(WireMock.postRequestedFor(WireMock.urlEqualTo("/2/send/externaltrigger.json")))
                .withHeader("X-CleverTap-Token", WireMock.equalTo(WireMockCleverTap.TRIGGER_TOKEN))
                .withRequestBody(WireMock.equalToJson("{\"d\":[" + v1
                        + ",{\"to\":{\"identity\":[\"u-7\"]},\"campaign_id\":\"1695721551\"}]}")));

        JsonPath number = GraphQLClient.run("triggerExternalCampaign", "sends", List.of(Map.of("campaignId", "1",
                "to", Map.of("identities", List.of("u")), "values", Map.of("Age", 42))));
        assertThat(number.getString("errors[0].extensions.code"), equalTo("BAD_USER_INPUT"));
        assertThat(number.getString("errors[0].message"), containsString("sends[0].values.Age"));
        wire().verify(2, WireMock.postRequestedFor(WireMock.urlMatching("/./send/externaltrigger.json")));
    }

    @Test
    void aCustomListIsThreeStepsAndTheFileGoesToTheUrlWithoutCleverTapsHeaders() {
        String url = "http://127.0.0.1:" + wire().port() + "/storage/list-1.csv?X-Amz-Signature=abc";
        stub(WireMock.post("/get_custom_list_segment_url").willReturn(json(200,
                "{\"status\":\"success\",\"url\":\"" + url + "\"}")));
        stub(WireMock.put(WireMock.urlPathEqualTo("/storage/list-1.csv")).willReturn(WireMock.aResponse().withStatus(200)));
        stub(WireMock.post("/upload_custom_list_segment_completed").willReturn(json(200, SUCCESS)));

        JsonPath answer = GraphQLClient.run("uploadCustomList", "input", Map.of("name", "VIPs",
                "identities", List.of("u-1", "u-2", "u-1"), "objectIds", List.of("__g9"), "email", "ops@example.com",
                "replace", true));

        assertThat(answer.getList("errors"), nullValue());
        assertThat(answer.getInt("data.uploadCustomList.rows"), equalTo(3));
        wire().verify(1, authenticated(WireMock.postRequestedFor(WireMock.urlEqualTo("/get_custom_list_segment_url"))));
        wire().verify(1, WireMock.putRequestedFor(WireMock.urlEqualTo("/storage/list-1.csv?X-Amz-Signature=abc"))
                .withoutHeader("X-CleverTap-Account-Id").withoutHeader("X-CleverTap-Passcode")
                .withRequestBody(WireMock.equalTo("Type,Identity\ni,u-1\ni,u-2\ng,__g9\n")));
        wire().verify(1, authenticated(WireMock.postRequestedFor(WireMock.urlEqualTo("/upload_custom_list_segment_completed")))
                .withRequestBody(WireMock.equalToJson("""
                        {"name":"VIPs","creator":"ops@example.com","filename":"VIPs.csv","email":"ops@example.com",
                         "url":"%s","replace":true}""".formatted(url))));
    }

    @Test
    void aCustomListUrlElsewhereThanHttpsOrCleverTapsOriginGetsNothing() {
        stub(WireMock.post("/get_custom_list_segment_url").willReturn(json(200,
                "{\"status\":\"success\",\"url\":\"http://10.0.0.1/steal.csv\"}")));

        JsonPath answer = GraphQLClient.run("uploadCustomList", "input", Map.of("name", "VIPs",
                "identities", List.of("u-1"), "email", "ops@example.com"));

        assertThat(answer.getString("data.uploadCustomList"), nullValue());
        assertThat(answer.getString("errors[0].extensions.code"), equalTo("UPSTREAM_ERROR"));
        wire().verify(0, WireMock.postRequestedFor(WireMock.urlEqualTo("/upload_custom_list_segment_completed")));
    }

    private static String json(List<String> values) {
        return values.stream().map(v -> "\"" + v + "\"").collect(java.util.stream.Collectors.joining(",", "[", "]"));
    }
}
