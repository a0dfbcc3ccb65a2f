package dev.ctgraphql.event;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import dev.ctgraphql.GraphQLClient;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.nullValue;

/**
 * Events uploaded through a CleverTap that stores every chunk and then answers HTTP 500 for half of them: nothing is
 * stored twice (an answer that does not confirm is never re-sent), every record is accounted for exactly once, and
 * {@code accepted} counts only what CleverTap confirmed. Uses only HTTP, so it runs against the packaged jar too.
 */
@QuarkusTest
class UploadUnconfirmedTest {

    static final int EVENTS = 12_000;

    @AfterEach
    void calmTheSandbox() {
        given().delete("/sandbox/_faults").then().statusCode(200);
    }

    @Test
    void storedThenFailedChunksAreUnconfirmedNeverResentAndNeverCountedAsAccepted() {
        String name = "Unconfirmed Test " + UUID.randomUUID().toString().substring(0, 8);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).withNano(0);
        List<Map<String, Object>> events = new ArrayList<>(EVENTS);
        for (int i = 0; i < EVENTS; i++) {
            Map<String, Object> event = new HashMap<>();
            event.put("identity", "user-" + (i % 1000 + 1));
            event.put("name", name);
            event.put("occurredAt", now.minusSeconds(i % 600).toString());
            event.put("properties", Map.of("seq", i));
            events.add(event);
        }
        given().contentType("application/json").body("{\"storedThenFailRate\":0.5}").put("/sandbox/_faults")
                .then().statusCode(200);

        JsonPath result = GraphQLClient.run("uploadEvents", "events", events);

        given().delete("/sandbox/_faults").then().statusCode(200);
        assertThat(result.getString("errors"), nullValue());
        int accepted = result.getInt("data.uploadEvents.accepted");
        int unconfirmed = result.getInt("data.uploadEvents.unconfirmed");
        List<Map<String, Object>> rejected = result.getList("data.uploadEvents.rejected");
        assertThat("some chunks were stored and then answered 500", unconfirmed, greaterThan(0));
        assertThat("exact accounting: every record once", accepted + rejected.size(), equalTo(EVENTS));
        assertThat("nothing here is invalid: every record not accepted is unconfirmed", rejected.size(),
                equalTo(unconfirmed));
        Set<Integer> unconfirmedIndexes = new HashSet<>();
        for (Map<String, Object> record : rejected) {
            assertThat(record.get("code"), nullValue());
            assertThat((String) record.get("message"), containsString("may duplicate"));
            unconfirmedIndexes.add((Integer) record.get("index"));
        }
        assertThat(unconfirmedIndexes.size(), equalTo(unconfirmed));

        // what CleverTap stored: every event exactly once (the failed answers were not re-sent), and every event that
        // was reported accepted is among them
        List<Integer> sequences = StoredSequences.of(name);
        Set<Integer> stored = new HashSet<>(sequences);
        int total = sequences.size();
        assertThat("no event stored twice", total, equalTo(stored.size()));
        assertThat("the sandbox stored every chunk", stored.size(), equalTo(EVENTS));
        assertThat("accepted never exceeds what CleverTap confirmed", accepted, equalTo(EVENTS - unconfirmed));
        for (int i = 0; i < EVENTS; i++) {
            if (!unconfirmedIndexes.contains(i)) {
                assertThat("accepted event " + i + " is stored", stored.contains(i), equalTo(true));
            }
        }
    }
}
