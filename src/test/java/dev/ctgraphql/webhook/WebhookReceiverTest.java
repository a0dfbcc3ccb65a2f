package dev.ctgraphql.webhook;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

import dev.ctgraphql.GraphQLClient;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/** POST /webhooks/clevertap with CleverTap's payload forms, both key casings, and bad credentials and bodies. */
@QuarkusTest
class WebhookReceiverTest {

    static final String SECRET = "test-webhook-secret";
    static final String PATH = "/webhooks/clevertap";

    /** The broadcast form of the newer docs sample (reference §8.2), lower-case keys. */
    static final String BROADCAST = """
            {"targetId": 1659684581, "key_values": {"SomeKey1": "SomeValue1"},
             "profiles": [
               {"key_values": {"SomeKey1": "SomeValue1"}, "email": "u@example.com", "identity": "u@example.com",
                "all_identities": ["u@example.com"], "objectId": "__Webhook227", "phone": "+911234", "name": "Nick",
                "systemProfileData": {"emailSubscription": "Subscribed", "city": "Mumbai"},
                "profileData": {"customer type": "gold", "multi": ["foo", "bar"]},
                "event_properties": {"Product Id": 1, "CT Source": "Mobile"}, "session_props": {}},
               {"identity": "second-user", "email": "second@example.com"}]}
            """;

    /** The per-user form with the capitalised keys of the other docs sample. */
    static final String PER_USER = """
            {"TargetId": 1700000001, "Key_values": {"journey": "welcome"},
             "Profiles": {"Identity": "user-0042", "Email": "x@example.com", "ObjectId": "__abc", "Push_token": "tok-1",
                          "ProfileData": {"Plan": "Pro"}, "Event_properties": {"Amount": 12.5}}}
            """;

    /** The test payload CleverTap sends when a template is saved (reference §8.1). */
    static final String TEST_PAYLOAD = """
            {"is_test": true, "targetId": 1234, "key_values": {"key": "value"},
             "profiles": [{"Identity": "UserId", "Email": "user@example.com", "push_token": "Token"}]}
            """;

    @Inject
    WebhookStore store;

    @BeforeEach
    void forgetDeliveries() {
        store.clear().await().indefinitely();
    }

    static RequestSpecification withSecret(String secret) {
        return given().header("X-Webhook-Secret", secret).contentType("application/json");
    }

    static RequestSpecification withBasic(String user, String password) {
        String credentials = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return given().header("Authorization", "Basic " + credentials).contentType("application/json");
    }

    static JsonPath deliveries(String targetId) {
        JsonPath answer = GraphQLClient.run("webhookDeliveries", "targetId", targetId, "last", 10);
        assertThat(answer.getList("errors"), nullValue());
        return answer;
    }

    @Test
    void broadcastFormIsStoredWithEveryProfile() {
        withSecret(SECRET).body(BROADCAST).post(PATH).then().statusCode(200).body("status", equalTo("success"));

        JsonPath answer = deliveries("1659684581");
        assertThat(answer.getList("data.webhookDeliveries"), hasSize(1));
        assertThat(answer.getBoolean("data.webhookDeliveries[0].broadcast"), equalTo(true));
        assertThat(answer.getBoolean("data.webhookDeliveries[0].test"), equalTo(false));
        assertThat(answer.getString("data.webhookDeliveries[0].keyValues.SomeKey1"), equalTo("SomeValue1"));
        assertThat(answer.getList("data.webhookDeliveries[0].profiles.identity"), contains("u@example.com", "second-user"));
        Map<String, Object> first = answer.getMap("data.webhookDeliveries[0].profiles[0]");
        assertThat(first.get("objectId"), equalTo("__Webhook227"));
        assertThat(first.get("name"), equalTo("Nick"));
        assertThat(first.get("phone"), equalTo("+911234"));
        assertThat(first.get("allIdentities"), equalTo(List.of("u@example.com")));
        assertThat(answer.getString("data.webhookDeliveries[0].profiles[0].profileData.'customer type'"), equalTo("gold"));
        assertThat(answer.getString("data.webhookDeliveries[0].profiles[0].systemProfileData.city"), equalTo("Mumbai"));
        assertThat(answer.getInt("data.webhookDeliveries[0].profiles[0].eventProperties.'Product Id'"), equalTo(1));
        assertThat(answer.getInt("data.webhookTargets.find { it.targetId == '1659684581' }.users"), equalTo(2));
    }

    @Test
    void perUserFormWithCapitalisedKeysAndBasicCredentials() {
        withBasic("clevertap", "test-basic-password").body(PER_USER).post(PATH).then().statusCode(200);

        JsonPath answer = deliveries("1700000001");
        assertThat(answer.getBoolean("data.webhookDeliveries[0].broadcast"), equalTo(false));
        assertThat(answer.getString("data.webhookDeliveries[0].keyValues.journey"), equalTo("welcome"));
        Map<String, Object> profile = answer.getMap("data.webhookDeliveries[0].profiles[0]");
        assertThat(profile.get("identity"), equalTo("user-0042"));
        assertThat(profile.get("email"), equalTo("x@example.com"));
        assertThat(profile.get("objectId"), equalTo("__abc"));
        assertThat(profile.get("pushToken"), equalTo("tok-1"));
        assertThat(answer.getString("data.webhookDeliveries[0].profiles[0].profileData.Plan"), equalTo("Pro"));
        assertThat(answer.getDouble("data.webhookDeliveries[0].profiles[0].eventProperties.Amount"), equalTo(12.5));
    }

    @Test
    void templateTestPayloadIsAnswered200AndMarkedAsTest() {
        withSecret(SECRET).body(TEST_PAYLOAD).post(PATH).then().statusCode(200);

        JsonPath answer = deliveries("1234");
        assertThat(answer.getBoolean("data.webhookDeliveries[0].test"), equalTo(true));
        assertThat(answer.getString("data.webhookDeliveries[0].profiles[0].pushToken"), equalTo("Token"));
    }

    @Test
    void newestFirstAndOnlyTheTargetAskedFor() {
        withSecret(SECRET).body(TEST_PAYLOAD).post(PATH).then().statusCode(200);
        withSecret(SECRET).body(PER_USER).post(PATH).then().statusCode(200);
        withSecret(SECRET).body(TEST_PAYLOAD).post(PATH).then().statusCode(200);

        JsonPath all = GraphQLClient.run("webhookDeliveries", "last", 2);
        assertThat(all.getList("data.webhookDeliveries.targetId"), contains("1234", "1700000001"));
        assertThat(deliveries("1234").getList("data.webhookDeliveries"), hasSize(2));
    }

    @Test
    void wrongOrMissingCredentialsAre401AndNothingIsStored() {
        withSecret("wrong").body(BROADCAST).post(PATH).then().statusCode(401);
        withSecret(SECRET + "x").body(BROADCAST).post(PATH).then().statusCode(401);
        given().contentType("application/json").body(BROADCAST).post(PATH).then().statusCode(401)
                .header("WWW-Authenticate", "Basic realm=\"webhooks\"");
        withBasic("clevertap", "wrong").body(BROADCAST).post(PATH).then().statusCode(401);
        given().header("Authorization", "Basic not-base64!").contentType("application/json").body(BROADCAST).post(PATH)
                .then().statusCode(401);

        assertThat(GraphQLClient.run("webhookDeliveries").getList("data.webhookDeliveries"), empty());
    }

    @Test
    void malformedBodiesAre400AndNothingIsStored() {
        withSecret(SECRET).body("{\"targetId\": 1, ").post(PATH).then().statusCode(400).body("status", equalTo("fail"));
        withSecret(SECRET).body("[1, 2]").post(PATH).then().statusCode(400);
        withSecret(SECRET).body("{\"targetId\": 1, \"profiles\": \"everyone\"}").post(PATH).then().statusCode(400);
        withSecret(SECRET).body("{\"targetId\": 1, \"profiles\": [1, 2]}").post(PATH).then().statusCode(400);
        withSecret(SECRET).body("{\"targetId\": {\"x\": 1}}").post(PATH).then().statusCode(400);
        withSecret(SECRET).body("").post(PATH).then().statusCode(400);

        assertThat(GraphQLClient.run("webhookDeliveries").getList("data.webhookDeliveries"), empty());
    }

    @Test
    void oversizedBodyIs413AndNothingIsStored() {
        String big = "{\"targetId\": 1, \"key_values\": {\"blob\": \"" + "x".repeat(1_100_000) + "\"}}";
        withSecret(SECRET).body(big).post(PATH).then().statusCode(413);

        assertThat(GraphQLClient.run("webhookDeliveries").getList("data.webhookDeliveries"), empty());
    }

    @Test
    void lastOutOfBoundsIsBadUserInput() {
        JsonPath answer = GraphQLClient.run("webhookDeliveries", "last", 0);
        assertThat(answer.getString("errors[0].extensions.code"), equalTo("BAD_USER_INPUT"));
        JsonPath tooMany = GraphQLClient.run("webhookDeliveries", "last", 1001);
        assertThat(tooMany.getString("errors[0].extensions.code"), equalTo("BAD_USER_INPUT"));
        assertThat(tooMany.getString("errors[0].message"), not(equalTo("System error")));
    }
}
