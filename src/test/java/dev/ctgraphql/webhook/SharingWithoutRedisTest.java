package dev.ctgraphql.webhook;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import dev.ctgraphql.GraphQLClient;
import dev.ctgraphql.live.GraphQLWebSocket;
import dev.ctgraphql.sandbox.SandboxStats;
import dev.ctgraphql.upstream.SharedCacheDownProfile;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/**
 * With the shared Redis configured but down, webhooks and the live view work as on a single replica: a webhook call is
 * still answered 200, kept here, listed and pushed; the live view polls CleverTap itself; the failures are counted.
 */
@QuarkusTest
@TestProfile(SharedCacheDownProfile.class)
class SharingWithoutRedisTest {

    @TestHTTPResource("/graphql")
    URI graphql;

    @Inject
    Vertx vertx;

    @Inject
    SandboxStats sandbox;

    @Test
    void aWebhookCallIsAcceptedKeptListedAndPushedHereWhenRedisIsDown() throws Exception {
        try (GraphQLWebSocket ws = GraphQLWebSocket.connect(vertx, graphql)) {
            ws.subscribe(GraphQLClient.document("webhookReceived"), Map.of("targetId", "1700000001"));
            Thread.sleep(300);

            WebhookReceiverTest.withSecret(WebhookReceiverTest.SECRET).body(WebhookReceiverTest.PER_USER)
                    .post(WebhookReceiverTest.PATH).then().statusCode(200).body(containsString("success"));

            JsonObject message = ws.next(Duration.ofSeconds(1));
            assertThat("pushed within a second", message, notNullValue());
            JsonObject pushed = message.getJsonObject("payload").getJsonObject("data").getJsonObject("webhookReceived");
            assertThat(pushed.getString("id"), startsWith("local-"));

            JsonPath listed = WebhookReceiverTest.deliveries("1700000001");
            assertThat(listed.getString("data.webhookDeliveries[0].id"), equalTo(pushed.getString("id")));
            assertThat(listed.getString("data.webhookDeliveries[0].profiles[0].identity"), equalTo("user-0042"));
            assertThat(listed.getList("data.webhookTargets.targetId"), hasItem("1700000001"));
        }
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics, containsString("clevertap_shared_failures_total{feature=\"webhook store\"}"));
        assertThat(metrics, not(containsString("not-a-real-password")));
        String readiness = given().get("/q/health/ready").then().statusCode(200).extract().asString();
        assertThat(readiness, containsString("webhook store"));
        assertThat(readiness, not(containsString("not-a-real-password")));
    }

    @Test
    void theLiveViewPollsCleverTapItselfWhenRedisIsDown() throws Exception {
        sandbox.reset();
        try (GraphQLWebSocket ws = GraphQLWebSocket.connect(vertx, graphql)) {
            ws.subscribe(GraphQLClient.document("liveUsers"), Map.of("splitBy", List.of("BROWSER"), "intervalSeconds", 2));
            for (int i = 0; i < 2; i++) {
                JsonObject message = ws.next(Duration.ofSeconds(10));
                assertThat("a reading", message, notNullValue());
                assertThat(message.encode(), message.getJsonObject("payload").getValue("errors"), nullValue());
                assertThat(message.getJsonObject("payload").getJsonObject("data").getJsonObject("liveUsers")
                        .getLong("total"), greaterThanOrEqualTo(0L));
            }
        }
        assertThat(sandbox.snapshot().requests("POST /1/now.json"), greaterThanOrEqualTo(1L));
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics, containsString("clevertap_shared_failures_total{feature=\"live view lease\"}"));
    }
}
