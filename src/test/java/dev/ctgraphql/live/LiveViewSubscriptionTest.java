package dev.ctgraphql.live;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import dev.ctgraphql.GraphQLClient;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

/** The live view subscription over graphql-transport-ws, end to end on the sandbox. */
@QuarkusTest
class LiveViewSubscriptionTest {

    static final Duration WAIT = Duration.ofSeconds(10);

    @TestHTTPResource("/graphql")
    URI graphql;

    @Inject
    Vertx vertx;

    static List<JsonObject> readings(GraphQLWebSocket ws, int count) throws InterruptedException {
        List<JsonObject> readings = new ArrayList<>();
        while (readings.size() < count) {
            JsonObject message = ws.next(WAIT);
            assertThat("a reading within " + WAIT, message, notNullValue());
            assertThat(message.encode(), message.getString("type"), equalTo("next"));
            assertThat(message.encode(), message.getJsonObject("payload").getValue("errors"), equalTo(null));
            readings.add(message.getJsonObject("payload").getJsonObject("data").getJsonObject("liveUsers"));
        }
        return readings;
    }

    @Test
    void subscribersOfTheSameViewShareOnePoll() throws Exception {
        String query = GraphQLClient.document("liveUsers");
        Map<String, Object> variables = Map.of("splitBy", List.of("OS"), "intervalSeconds", 2);
        try (GraphQLWebSocket first = GraphQLWebSocket.connect(vertx, graphql);
                GraphQLWebSocket second = GraphQLWebSocket.connect(vertx, graphql)) {
            first.subscribe(query, variables);
            second.subscribe(query, variables);

            List<JsonObject> a = readings(first, 3);
            List<JsonObject> b = readings(second, 3);

            // the first reading is each subscriber's own; the ticks after it come from one shared poll
            List<String> polledA = a.subList(1, 3).stream().map(r -> r.getString("polledAt")).toList();
            List<String> polledB = b.subList(1, 3).stream().map(r -> r.getString("polledAt")).toList();
            // a tick may reach one subscriber while the other still waits for its own first reading, so the two
            // sequences can be shifted by one; they must still have a reading of the same poll in common
            assertThat(polledB.stream().anyMatch(polledA::contains), is(true));
            for (JsonObject reading : a) {
                assertThat(reading.getLong("total"), greaterThan(0L));
                long split = reading.getJsonArray("breakdown").stream().mapToLong(o -> ((JsonObject) o).getLong("count")).sum();
                assertThat(split, equalTo(reading.getLong("total")));
            }
        }
    }

    @Test
    void intervalOutOfBoundsIsRefusedAsBadUserInput() throws Exception {
        try (GraphQLWebSocket ws = GraphQLWebSocket.connect(vertx, graphql)) {
            ws.subscribe(GraphQLClient.document("liveUsers"), Map.of("intervalSeconds", 1));
            JsonObject message = ws.next(WAIT);
            assertThat(message, notNullValue());
            String text = message.encode();
            assertThat(text, text.contains("BAD_USER_INPUT"), is(true));
            assertThat(text, text.contains("intervalSeconds"), is(true));
        }
    }

    @Test
    void readingsCarryTheSplitAskedFor() throws Exception {
        try (GraphQLWebSocket ws = GraphQLWebSocket.connect(vertx, graphql)) {
            ws.subscribe(GraphQLClient.document("liveUsers"), Map.of("splitBy", List.of("USER_TYPE"), "intervalSeconds", 2));
            List<JsonObject> readings = readings(ws, 2);
            List<String> dimensions = readings.get(0).getJsonArray("breakdown").stream()
                    .map(o -> ((JsonObject) o).getString("dimension")).toList();
            assertThat(dimensions, everyItem(equalTo("USER_TYPE")));
            assertThat(dimensions.isEmpty(), is(false));
        }
    }
}
