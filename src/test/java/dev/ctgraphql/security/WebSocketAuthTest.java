package dev.ctgraphql.security;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

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
import static org.junit.jupiter.api.Assertions.assertThrows;

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

    @Test
    void noCredentialsOrAWrongKeyGetNoData() {
        for (String authorization : new String[]{null, "ApiKey not-a-key", "ApiKey " + AuthProfile.REMOVED_KEY}) {
            assertThrows(Exception.class, () -> {
                try (GraphQLWebSocket socket = connect(authorization)) {
                    JsonObject answer = firstAnswer(socket);
                    // an accepted connection must still not deliver data to a caller without credentials
                    if ("next".equals(answer.getString("type"))
                            && answer.getJsonObject("payload").getJsonObject("data") != null
                            && answer.getJsonObject("payload").getJsonObject("data").getValue("liveUsers") != null) {
                        return;
                    }
                    throw new IllegalStateException("refused: " + answer);
                }
            }, "caller " + authorization);
        }
    }
}
