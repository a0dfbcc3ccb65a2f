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
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/** createCampaign's documented optional parameters on the wire, and their checks before any call. */
@QuarkusTest
@TestProfile(WireMockProfile.class)
class CampaignOptionsWireContractTest extends WireContractTestBase {

    @Test
    void segmentWebhookTtlConversionGoalCapsLabelsAndProviderAreSentAsCleverTapNamesThem() {
        stub(WireMock.post("/1/targets/create.json").willReturn(json(200, "{\"status\":\"success\",\"id\":1700000099}")));

        JsonPath answer = GraphQLClient.run("createCampaign", "input", Map.of("name", "Hook", "channel", "WEBHOOK",
                "segment", "1234567", "webhookEndpoint", "orders-hook", "ttlMinutes", 90,
                "conversionGoal", Map.of("eventName", "Charged", "withinDays", 2, "revenueProperty", "Amount"),
                "respectFrequencyCaps", false, "labels", List.of("promo", "q4"), "providerNickname", "primary",
                "content", Map.of("body", "{\"order\":\"shipped\"}")));

        assertThat(answer.prettify(), answer.getString("data.createCampaign.campaign.id"), equalTo("1700000099"));
        wire().verify(1, authenticated(WireMock.postRequestedFor(WireMock.urlEqualTo("/1/targets/create.json")))
                .withRequestBody(WireMock.equalToJson(
                        """
                                {"name":"Hook","target_mode":"webhook","segment":1234567,"content":{"body":"{\\"order\\":\\"shipped\\"}"},
                                 "when":"now","webhook_endpoint_name":"orders-hook","ttl":{"ttl_type":"relative","value":90},
                                 "conversion_goal":{"event_name":"Charged","conversion_time":"2D","revenue_property":"Amount"},
                                 "respect_frequency_caps":false,"labels":["promo","q4"],"provider_nick_name":"primary"}""")));
    }

    @Test
    void contradictoryOrOutOfRangeOptionsAreRefusedBeforeAnyCall() {
        Map<String, Object> audience = Map.of("eventName", "Charged", "range",
                Map.of("from", "2024-01-01", "to", "2024-01-31"));
        List<Map<String, Object>> inputs = List.of(
                Map.of("name", "n", "channel", "SMS", "segment", "1", "audience", audience, "content", Map.of("body", "b")),
                Map.of("name", "n", "channel", "SMS", "segment", "abc", "content", Map.of("body", "b")),
                Map.of("name", "n", "channel", "SMS", "webhookEndpoint", "hook", "content", Map.of("body", "b")),
                Map.of("name", "n", "channel", "SMS", "ttlMinutes", 0, "content", Map.of("body", "b")),
                Map.of("name", "n", "channel", "SMS", "conversionGoal", Map.of("eventName", "Charged", "withinDays", 31),
                        "content", Map.of("body", "b")),
                Map.of("name", "n", "channel", "SMS", "labels", List.of(""), "content", Map.of("body", "b")));
        for (Map<String, Object> input : inputs) {
            JsonPath answer = GraphQLClient.run("createCampaign", "input", input);
            assertThat(input.toString(), answer.getString("errors[0].extensions.code"), equalTo("BAD_USER_INPUT"));
            assertThat(answer.getString("errors[0].message"), containsString("input."));
        }
        assertThat(wire().getAllServeEvents(), hasSize(0));
    }
}
