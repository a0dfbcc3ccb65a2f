package dev.ctgraphql.message;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import dev.ctgraphql.GraphQLClient;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

/**
 * End to end on the sandbox through HTTP (also against the packaged jar as {@code SandboxMessagingIT}): profile
 * management, sends, External Triggers and custom lists, checked against what the sandbox kept.
 */
@QuarkusTest
class SandboxMessagingTest {

    static JsonPath kept() {
        return given().get("/sandbox/_messages").then().statusCode(200).extract().jsonPath();
    }

    @BeforeEach
    void forgetMessages() {
        given().delete("/sandbox/_messages").then().statusCode(200);
    }

    @Test
    void subscriptionChangesAreStoredPerAddressAndInvalidOnesRefusedByIndex() {
        JsonPath answer = GraphQLClient.run("updateSubscriptions", "changes", List.of(
                Map.of("channel", "EMAIL", "value", "e2e-unsub@example.com", "action", "UNSUBSCRIBE"),
                Map.of("channel", "EMAIL", "value", "not-an-email", "action", "UNSUBSCRIBE"),
                Map.of("channel", "WHATSAPP", "value", "+919876500000", "action", "RESUBSCRIBE")));

        assertThat(answer.getString("data.updateSubscriptions.status"), equalTo("PARTIAL"));
        assertThat(answer.getInt("data.updateSubscriptions.accepted"), equalTo(2));
        assertThat(answer.getList("data.updateSubscriptions.rejected.index"), contains(1));
        assertThat(answer.getList("data.updateSubscriptions.rejected.code"), contains(515));
        Map<String, String> subscriptions = kept().getMap("subscriptions");
        assertThat(subscriptions.get("email:e2e-unsub@example.com"), equalTo("Unsubscribe"));
        assertThat(subscriptions.get("whatsapp:+919876500000"), equalTo("Resubscribe"));
    }

    @Test
    void aPhoneUsedAsIdentityIsDisassociatedAndAnUnknownOneRejected() {
        String phone = "+1415" + String.valueOf(System.nanoTime()).substring(0, 7);
        GraphQLClient.run("uploadProfiles", "profiles", List.of(Map.of("identity", phone, "name", "Phone Person")));
        assertThat(GraphQLClient.run("profile", "identity", phone).getString("data.profile.name"), equalTo("Phone Person"));

        JsonPath answer = GraphQLClient.run("disassociatePhones", "phones", List.of(phone, "+10000000001"));

        assertThat(answer.getString("data.disassociatePhones.status"), equalTo("PARTIAL"));
        assertThat(answer.getList("data.disassociatePhones.rejected.index"), contains(1));
        assertThat(GraphQLClient.run("profile", "identity", phone).getString("data.profile"), nullValue());
    }

    @Test
    void demergedIdentitiesReachTheSandbox() {
        JsonPath answer = GraphQLClient.run("demergeProfiles", "identities", List.of("user-0003", "user-0004"));

        assertThat(answer.getBoolean("data.demergeProfiles.ok"), equalTo(true));
        assertThat(kept().getList("demerged"), equalTo(List.of("user-0003", "user-0004")));
    }

    @Test
    void aMessageToNamedUsersIsQueuedWithItsContent() {
        JsonPath answer = GraphQLClient.run("sendMessage", "input", Map.of("channel", "WEBPUSH",
                "to", Map.of("identities", List.of("user-0001", "user-0002")),
                "content", Map.of("title", "Sale", "body", "Everything half price", "deepLink", "https://shop.example.com")));

        assertThat(answer.getInt("data.sendMessage.recipients"), equalTo(2));
        assertThat(answer.getString("data.sendMessage.message"), equalTo("Added to queue for processing"));
        JsonPath messages = kept();
        assertThat(messages.getList("messages"), hasSize(1));
        assertThat(messages.getString("messages[0].kind"), equalTo("send/webpush"));
        assertThat(messages.getString("messages[0].body.content.platform_specific.chrome.deep_link"),
                equalTo("https://shop.example.com"));
    }

    @Test
    void externalTriggersGoThroughV1AndV2() {
        Map<String, Object> send = Map.of("campaignId", "1695721550", "to", Map.of("identities", List.of("user-0001")),
                "values", Map.of("Name", "Ada"));

        JsonPath one = GraphQLClient.run("triggerExternalCampaign", "sends", List.of(send));
        JsonPath two = GraphQLClient.run("triggerExternalCampaign", "sends", List.of(send, send));

        assertThat(one.getInt("data.triggerExternalCampaign.apiVersion"), equalTo(1));
        assertThat(two.getList("errors"), nullValue());
        assertThat(two.getInt("data.triggerExternalCampaign.apiVersion"), equalTo(2));
        assertThat(kept().getList("messages.kind"), contains("externaltrigger v1", "externaltrigger v2"));
    }

    @Test
    void aCustomListIsUploadedInThreeStepsWithTheSandboxAsStorage() {
        String name = "e2e list " + UUID.randomUUID();
        JsonPath answer = GraphQLClient.run("uploadCustomList", "input", Map.of("name", name,
                "identities", List.of("user-0001", "user-0002"), "objectIds", List.of("__g-e2e"), "email", "ops@example.com"));

        assertThat(answer.getList("errors"), nullValue());
        assertThat(answer.getInt("data.uploadCustomList.rows"), equalTo(3));
        JsonPath lists = kept();
        assertThat(lists.getList("customLists.name"), hasItem(name));
        assertThat(lists.getInt("customLists.find { it.name == '" + name + "' }.rows"), equalTo(3));
    }

    @Test
    void aCampaignWithTheDocumentedOptionsIsCreatedAndFoundAgain() {
        JsonPath answer = GraphQLClient.run("createCampaign", "input", Map.of("name", "e2e options " + UUID.randomUUID(),
                "channel", "PUSH", "segment", "42", "ttlMinutes", 120, "respectFrequencyCaps", false,
                "conversionGoal", Map.of("eventName", "Charged", "withinDays", 3, "revenueProperty", "Amount"),
                "labels", List.of("e2e"), "providerNickname", "fcm-main",
                "content", Map.of("title", "Hi", "body", "Options on the wire")));

        assertThat(answer.getList("errors"), nullValue());
        String id = answer.getString("data.createCampaign.campaign.id");
        assertThat(GraphQLClient.run("campaign", "id", id).getString("data.campaign.name"),
                equalTo(answer.getString("data.createCampaign.campaign.name")));
    }
}
