package dev.ctgraphql.security;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import dev.ctgraphql.GraphQLClient;
import dev.ctgraphql.live.GraphQLWebSocket;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/**
 * Subscriptions over WebSocket with production-like access: credentials travel in the graphql-transport-ws
 * connection_init payload (browsers cannot set headers on a WebSocket); a subscription needs the viewer role.
 */
@QuarkusTest
@TestProfile(AuthProfile.class)
class WebSocketAuthTest {

    @TestHTTPResource("/graphql")
    URI graphql;

    @Inject
    Vertx vertx;

    private GraphQLWebSocket connect(String authorization) throws Exception {
        JsonObject payload = authorization == null ? new JsonObject() : new JsonObject().put("Authorization", authorization);
        return GraphQLWebSocket.connect(vertx, graphql, payload);
    }

    private static JsonObject firstAnswer(GraphQLWebSocket socket) throws InterruptedException {
        socket.subscribe(GraphQLClient.document("liveUsers"), Map.of("intervalSeconds", 2));
        JsonObject answer = socket.next(Duration.ofSeconds(10));
        assertThat(answer, notNullValue());
        return answer;
    }

    @Test
    void aViewerKeyInConnectionInitSubscribes() throws Exception {
        try (GraphQLWebSocket socket = connect("ApiKey " + AuthProfile.VIEWER_KEY)) {
            JsonObject answer = firstAnswer(socket);
            assertThat(answer.getString("type"), equalTo("next"));
            assertThat(answer.getJsonObject("payload").getJsonObject("data").getJsonObject("liveUsers")
                    .getValue("total"), notNullValue());
        }
    }

    @Test
    void aKeyWithoutTheViewerRoleIsForbiddenTheSubscription() throws Exception {
        try (GraphQLWebSocket socket = connect("ApiKey " + AuthProfile.EDITOR_KEY)) {
            JsonObject answer = firstAnswer(socket);
            String code = answer.getString("type").equals("next")
                    ? answer.getJsonObject("payload").getJsonArray("errors").getJsonObject(0)
                            .getJsonObject("extensions").getString("code")
                    : answer.getJsonArray("payload").getJsonObject(0).getJsonObject("extensions").getString("code");
            assertThat(code, equalTo("FORBIDDEN"));
        }
    }

    /** Sends connection_init with {@code payload} and answers the close code, after checking no ack came. */
    private short refusedInit(String subprotocol, JsonObject payload) throws Exception {
        try (GraphQLWebSocket socket = GraphQLWebSocket.open(vertx, graphql, subprotocol)) {
            socket.send(new JsonObject().put("type", "connection_init").put("payload", payload));
            Short status = socket.closeStatus(Duration.ofSeconds(10));
            assertThat("closed: " + subprotocol + " " + payload, status, notNullValue());
            assertThat("no connection_ack: " + subprotocol + " " + payload, socket.acknowledged(), equalTo(false));
            return status;
        }
    }

    @Test
    void noCredentialsOrInvalidOnesCloseWith4401AndNoAck() throws Exception {
        for (String subprotocol : new String[]{"graphql-transport-ws", "graphql-ws"}) {
            assertThat(refusedInit(subprotocol, new JsonObject()), equalTo((short) 4401));
            for (String authorization : new String[]{"ApiKey not-a-key", "ApiKey " + AuthProfile.REMOVED_KEY,
                    "Bearer not.a.token", "Bearer " + JwtKeys.signedByUnknownKey(Set.of("viewer"))}) {
                assertThat(authorization, refusedInit(subprotocol, new JsonObject().put("Authorization", authorization)),
                        equalTo((short) 4401));
            }
            assertThat(refusedInit(subprotocol, new JsonObject().put("X-API-Key", "not-a-key")), equalTo((short) 4401));
        }
    }

    @Test
    void validCredentialsWithoutAnyRoleCloseWith4403() throws Exception {
        assertThat(refusedInit("graphql-transport-ws",
                new JsonObject().put("Authorization", "Bearer " + JwtKeys.token(Set.of("nobody")))), equalTo((short) 4403));
    }

    @Test
    void theConnectionClosesWhenItsTokenExpires() throws Exception {
        try (GraphQLWebSocket socket = GraphQLWebSocket.connect(vertx, graphql,
                new JsonObject().put("Authorization", "Bearer " + JwtKeys.expiringIn(3, Set.of("viewer"))))) {
            assertThat(socket.closeStatus(Duration.ofSeconds(15)), equalTo((short) 1008));
        }
    }

    @Test
    void anOperationBeforeConnectionInitClosesWith4401() throws Exception {
        try (GraphQLWebSocket socket = GraphQLWebSocket.open(vertx, graphql, "graphql-transport-ws")) {
            socket.subscribe("1", new JsonObject().put("query", "{ __typename }"));
            assertThat(socket.closeStatus(Duration.ofSeconds(10)), equalTo((short) 4401));
            assertThat(socket.next(Duration.ofMillis(200)), nullValue());
        }
    }

    @Test
    void anXApiKeyInConnectionInitWorksToo() throws Exception {
        try (GraphQLWebSocket socket = GraphQLWebSocket.connect(vertx, graphql,
                new JsonObject().put("X-API-Key", AuthProfile.VIEWER_KEY))) {
            assertThat(firstAnswer(socket).getString("type"), equalTo("next"));
        }
    }
}
