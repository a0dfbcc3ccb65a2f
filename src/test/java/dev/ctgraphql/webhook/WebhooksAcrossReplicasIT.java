package dev.ctgraphql.webhook;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.core.json.JsonObject;

import dev.ctgraphql.GraphQLClient;
import dev.ctgraphql.ItApiKeys;
import dev.ctgraphql.Replicas;
import dev.ctgraphql.live.GraphQLWebSocket;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/**
 * Four replicas of the packaged jar on one redis-server: a webhook call CleverTap makes to one of them is listed by the
 * others and pushed to subscribers on the others within a second.
 */
class WebhooksAcrossReplicasIT {

    static final String SECRET = "it-webhook-secret";

    static Replicas replicas;
    static List<Replicas.Replica> started;

    @BeforeAll
    static void startFourReplicasOnOneRedis() throws Exception {
        replicas = new Replicas();
        Map<String, String> settings = new HashMap<>();
        settings.put("clevertap.sandbox.enabled", "true");
        settings.put("clevertap.shared-cache.redis-url", replicas.redisUrl());
        settings.put("webhooks.secret", SECRET);
        started = List.of(replicas.start("webhooks-1", settings), replicas.start("webhooks-2", settings),
                replicas.start("webhooks-3", settings), replicas.start("webhooks-4", settings));
        replicas.awaitReady();
    }

    @AfterAll
    static void stopEverything() throws Exception {
        if (replicas != null) {
            replicas.close();
        }
    }

    @Test
    void aCallPostedToReplicaOneIsListedByReplicaFourAndPushedToASubscriberOnReplicaThree() throws Exception {
        Replicas.Replica one = started.get(0);
        Replicas.Replica three = started.get(2);
        Replicas.Replica four = started.get(3);
        try (GraphQLWebSocket ws = GraphQLWebSocket.connect(replicas.vertx(), three.uri("/graphql"),
                new JsonObject().put("Authorization", "ApiKey " + ItApiKeys.VIEWER))) {
            ws.subscribe(GraphQLClient.document("webhookReceived"), Map.of("targetId", "1700000001"));
            // no "subscribed" acknowledgement exists: give replica 3 a moment to start reading the stream
            Thread.sleep(1000);

            long posted = System.nanoTime();
            given().port(one.port()).header("X-Webhook-Secret", SECRET).contentType(ContentType.JSON)
                    .body(WebhookReceiverTest.PER_USER).post(WebhookReceiverTest.PATH).then().statusCode(200);

            JsonObject message = ws.next(Duration.ofSeconds(1));
            Duration took = Duration.ofNanos(System.nanoTime() - posted);
            assertThat("pushed to replica 3 within a second", message, notNullValue());
            assertThat(took, lessThan(Duration.ofSeconds(1)));
            JsonObject pushed = message.getJsonObject("payload").getJsonObject("data").getJsonObject("webhookReceived");
            assertThat(pushed.getJsonArray("profiles").getJsonObject(0).getString("identity"), equalTo("user-0042"));
            assertThat("numbered by Redis, not kept locally", pushed.getString("id"), not(startsWith("local-")));

            JsonPath listed = deliveries(four, "1700000001");
            assertThat(listed.getList("errors"), nullValue());
            assertThat(listed.getString("data.webhookDeliveries[0].id"), equalTo(pushed.getString("id")));
            assertThat(listed.getString("data.webhookDeliveries[0].profiles[0].email"), equalTo("x@example.com"));
            assertThat(listed.getList("data.webhookTargets.targetId"), hasItem("1700000001"));
            assertThat("nothing else was pushed", ws.next(Duration.ofMillis(500)), nullValue());
        }
    }

    @Test
    void callsToDifferentReplicasAreNumberedOnceAndListedInOrderEverywhere() {
        String first = post(started.get(1), "{\"targetId\": 42, \"profiles\": {\"identity\": \"first\"}}");
        String second = post(started.get(3), "{\"targetId\": 42, \"profiles\": {\"identity\": \"second\"}}");
        assertThat(Long.parseLong(second), equalTo(Long.parseLong(first) + 1));
        for (Replicas.Replica replica : started) {
            JsonPath listed = deliveries(replica, "42");
            assertThat(replica.name(), listed.getList("data.webhookDeliveries.collect { it.profiles[0].identity }"),
                    equalTo(List.of("second", "first")));
        }
    }

    /** Posts a call and returns the id the newest delivery of its target got, as listed by the same replica. */
    private static String post(Replicas.Replica replica, String body) {
        given().port(replica.port()).header("X-Webhook-Secret", SECRET).contentType(ContentType.JSON).body(body)
                .post(WebhookReceiverTest.PATH).then().statusCode(200);
        return deliveries(replica, "42").getString("data.webhookDeliveries[0].id");
    }

    private static JsonPath deliveries(Replicas.Replica replica, String targetId) {
        return given().port(replica.port()).header("X-API-Key", ItApiKeys.VIEWER).contentType(ContentType.JSON)
                .body(Map.of("query", GraphQLClient.document("webhookDeliveries"),
                        "variables", Map.of("targetId", targetId, "last", 10)))
                .post("/graphql").then().statusCode(200).extract().jsonPath();
    }
}
