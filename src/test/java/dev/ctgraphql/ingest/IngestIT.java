package dev.ctgraphql.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.path.json.JsonPath;

import dev.ctgraphql.GraphQLClient;
import dev.ctgraphql.ItApiKeys;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** The NDJSON ingest endpoint of the packaged application, with an API key: what it answers and what got stored. */
@QuarkusIntegrationTest
@ExtendWith(ItApiKeys.class)
class IngestIT {

    private static final String NDJSON = "application/x-ndjson; charset=utf-8";

    @Test
    void gzippedEventsAreStoredAndABadLineIsAnsweredAtItsIndex() throws IOException {
        String name = "Ingest IT " + UUID.randomUUID().toString().substring(0, 8);
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 1500; i++) {
            lines.append(i == 7
                    ? "{\"identity\":\"it-7\",\"name\":\"" + name + "\",\"when\":1}"
                    : "{\"identity\":\"it-" + i % 50 + "\",\"name\":\"" + name + "\",\"properties\":{\"seq\":" + i + "}}")
                    .append('\n');
        }
        ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gzipped)) {
            out.write(lines.toString().getBytes(StandardCharsets.UTF_8));
        }

        String answer = given().contentType(NDJSON).header("Content-Encoding", "gzip").body(gzipped.toByteArray())
                .post("/ingest/events").then().statusCode(200).extract().asString();

        List<String> answered = answer.lines().toList();
        assertThat(answered.get(0),
                equalTo("{\"index\":7,\"code\":400,\"message\":\"events[7].when: is not a field of EventInput\"}"));
        assertThat(answered.get(1),
                equalTo("{\"summary\":{\"received\":1500,\"accepted\":1499,\"rejected\":1,\"unconfirmed\":0}}"));
        List<Integer> stored = storedSequenceNumbers(name);
        assertThat(stored.size(), equalTo(1499));
        assertThat(new HashSet<>(stored).size(), equalTo(1499));
    }

    @Test
    void aJsonBodyIsRefusedWith415() {
        given().contentType("application/json").body("{}".getBytes(StandardCharsets.UTF_8)).post("/ingest/events").then()
                .statusCode(415).body("message", containsString("application/x-ndjson"));
    }

    private static List<Integer> storedSequenceNumbers(String name) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Map<String, Object> query = Map.of("eventName", name, "range", Map.of("from", today.minusDays(1).toString(),
                "to", today.toString()));
        List<Integer> seen = new ArrayList<>();
        String after = null;
        do {
            JsonPath page = after == null
                    ? GraphQLClient.run("eventSequence", "query", query)
                    : GraphQLClient.run("eventSequence", "query", query, "after", after);
            seen.addAll(page.getList("data.events.nodes.properties.seq"));
            after = page.getString("data.events.pageInfo.endCursor");
        } while (after != null);
        return seen;
    }
}
