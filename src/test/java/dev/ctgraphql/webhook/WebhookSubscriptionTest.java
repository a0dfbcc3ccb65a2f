package dev.ctgraphql.webhook;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import dev.ctgraphql.GraphQLClient;
import dev.ctgraphql.live.GraphQLWebSocket;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** webhookReceived over graphql-transport-ws: a posted webhook reaches a subscriber within a second. */
@QuarkusTest
class WebhookSubscriptionTest {

    @TestHTTPResource("/graphql")
    URI graphql;

    @Inject
    Vertx vertx;

    @Test
    void postedWebhookReachesTheSubscriberWithinASecond() throws Exception {
        try (GraphQLWebSocket ws = GraphQLWebSocket.connect(vertx, graphql)) {
            ws.subscribe(GraphQLClient.document("webhookReceived"), Map.of("targetId", "1700000001"));
            // a subscription has no "subscribed" acknowledgement: give the server a moment to register it
            Thread.sleep(300);

            WebhookReceiverTest.withSecret(WebhookReceiverTest.SECRET).body(WebhookReceiverTest.TEST_PAYLOAD)
                    .post(WebhookReceiverTest.PATH).then().statusCode(200);
            WebhookReceiverTest.withSecret(WebhookReceiverTest.SECRET).body(WebhookReceiverTest.PER_USER)
                    .post(WebhookReceiverTest.PATH).then().statusCode(200);

            JsonObject message = ws.next(Duration.ofSeconds(1));
            assertThat("delivery pushed within a second", message, notNullValue());
            JsonObject delivery = message.getJsonObject("payload").getJsonObject("data").getJsonObject("webhookReceived");
            // the test payload (target 1234) was filtered out: the first message is the per-user call
            assertThat(delivery.getString("targetId"), equalTo("1700000001"));
            assertThat(delivery.getBoolean("broadcast"), equalTo(false));
            assertThat(delivery.getJsonArray("profiles").getJsonObject(0).getString("identity"), equalTo("user-0042"));
            assertThat(ws.next(Duration.ofMillis(300)), nullValue());
        }
    }
}
