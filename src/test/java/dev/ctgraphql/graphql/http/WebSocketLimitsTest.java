package dev.ctgraphql.graphql.http;

import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import dev.ctgraphql.GraphQLClient;
import dev.ctgraphql.live.GraphQLWebSocket;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/**
 * The WebSocket door has the HTTP door's limits: every subscribe message passes the document limits, a connection runs
 * a bounded number of operations at once, and a message over the size bound closes the connection.
 */
@QuarkusTest
class WebSocketLimitsTest {

    @TestHTTPResource("/graphql")
    URI graphql;

    @Inject
    Vertx vertx;

    private static String nested(int depth) {
        return "{ " + "a { ".repeat(depth - 1) + "b" + " }".repeat(depth - 1) + " }";
    }

    /** The next message that is not about another operation. */
    private static JsonObject answerTo(GraphQLWebSocket socket, String id) throws InterruptedException {
        while (true) {
            JsonObject message = socket.next(Duration.ofSeconds(10));
            if (message == null || id.equals(message.getString("id"))) {
                return message;
            }
        }
    }

    @Test
    void aDocumentOverTheDepthLimitIsRefusedAndTheConnectionStaysUsable() throws Exception {
        try (GraphQLWebSocket socket = GraphQLWebSocket.connect(vertx, graphql)) {
            socket.subscribe("deep", new JsonObject().put("query", nested(11)));
            JsonObject refusal = answerTo(socket, "deep");
            assertThat(refusal.getString("type"), equalTo("error"));
            JsonObject error = refusal.getJsonArray("payload").getJsonObject(0);
            assertThat(error.getString("message"), containsString("nests fields 11 deep"));
            assertThat(error.getJsonObject("extensions").getString("code"), equalTo("BAD_USER_INPUT"));

            socket.subscribe("ok", new JsonObject().put("query", "{ __typename }"));
            JsonObject answer = answerTo(socket, "ok");
            assertThat(answer.getString("type"), equalTo("next"));
            assertThat(answer.getJsonObject("payload").getJsonObject("data").getString("__typename"), equalTo("Query"));
        }
    }

    @Test
    void theOlderGraphqlWsProtocolHasTheSameLimits() throws Exception {
        try (GraphQLWebSocket socket = GraphQLWebSocket.open(vertx, graphql, "graphql-ws")) {
            socket.send(new JsonObject().put("type", "connection_init").put("payload", new JsonObject()));
            assertThat(socket.next(Duration.ofSeconds(10)).getString("type"), equalTo("connection_ack"));
            socket.send(new JsonObject().put("id", "deep").put("type", "start")
                    .put("payload", new JsonObject().put("query", nested(11))));
            JsonObject refusal = answerTo(socket, "deep");
            assertThat(refusal.getString("type"), equalTo("error"));
            assertThat(refusal.getJsonObject("payload").getJsonObject("extensions").getString("code"),
                    equalTo("BAD_USER_INPUT"));
        }
    }

    @Test
    void aConnectionRunsAtMostTheConfiguredNumberOfOperations() throws Exception {
        try (GraphQLWebSocket socket = GraphQLWebSocket.connect(vertx, graphql)) {
            JsonObject live = new JsonObject().put("query", GraphQLClient.document("liveUsers"))
                    .put("variables", new JsonObject().put("intervalSeconds", 60));
            Set<String> answered = new HashSet<>();
            for (int i = 1; i <= 10; i++) {
                socket.subscribe("live-" + i, live);
            }
            while (answered.size() < 10) {
                JsonObject message = socket.next(Duration.ofSeconds(10));
                assertThat(message, notNullValue());
                assertThat(message.encode(), message.getString("type"), equalTo("next"));
                answered.add(message.getString("id"));
            }
            socket.subscribe("live-11", live);
            JsonObject refusal = answerTo(socket, "live-11");
            assertThat(refusal.getString("type"), equalTo("error"));
            JsonArray errors = refusal.getJsonArray("payload");
            assertThat(errors.getJsonObject(0).getString("message"), containsString("already runs 10 operations"));

            // completing one makes room for another
            socket.send(new JsonObject().put("id", "live-1").put("type", "complete"));
            socket.subscribe("live-12", live);
            assertThat(answerTo(socket, "live-12").getString("type"), equalTo("next"));
        }
    }

    @Test
    void aMessageOverTheSizeLimitClosesTheConnection() throws Exception {
        try (GraphQLWebSocket socket = GraphQLWebSocket.connect(vertx, graphql)) {
            JsonObject variables = new JsonObject().put("padding", "x".repeat(100_000));
            socket.subscribe("big", new JsonObject().put("query", "{ __typename }").put("variables", variables));
            assertThat(socket.closeStatus(Duration.ofSeconds(10)), equalTo((short) 1009));
            assertThat(socket.next(Duration.ofMillis(200)), nullValue());
        }
    }

    /** A graphql-transport-ws subscribe message for {@code { __typename }}, as text. */
    private static String typenameSubscription(String id) {
        return new JsonObject().put("id", id).put("type", "subscribe")
                .put("payload", new JsonObject().put("query", "{ __typename }")).encode();
    }

    @Test
    void aMessageWithAnythingAfterItsObjectClosesTheConnectionAndRunsNothing() throws Exception {
        try (GraphQLWebSocket socket = GraphQLWebSocket.connect(vertx, graphql)) {
            socket.sendText(typenameSubscription("first") + " " + typenameSubscription("second"));
            assertThat(socket.closeStatus(Duration.ofSeconds(10)), equalTo((short) 4400));
            assertThat(socket.next(Duration.ofMillis(200)), nullValue());
        }
    }

    @Test
    void whitespaceAfterAMessagesObjectIsFine() throws Exception {
        try (GraphQLWebSocket socket = GraphQLWebSocket.connect(vertx, graphql)) {
            socket.sendText(typenameSubscription("spaced") + " \n");
            JsonObject answer = answerTo(socket, "spaced");
            assertThat(answer.getString("type"), equalTo("next"));
            assertThat(answer.getJsonObject("payload").getJsonObject("data").getString("__typename"), equalTo("Query"));
        }
    }
}
