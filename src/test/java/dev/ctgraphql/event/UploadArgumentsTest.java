package dev.ctgraphql.event;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import dev.ctgraphql.GraphQLClient;
import dev.ctgraphql.sandbox.SandboxStats;
import dev.ctgraphql.sandbox.SandboxStore;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * The upload mutations read their list however it is passed: a variable (read from the request's JSON, each record
 * checked by the mutation, which names record and field), an inline list, or several fields in one document.
 */
@QuarkusTest
class UploadArgumentsTest {

    @Inject
    SandboxStore store;
    @Inject
    SandboxStats stats;

    private String name;

    @BeforeEach
    void fresh() {
        name = "Args " + UUID.randomUUID().toString().substring(0, 8);
        stats.reset();
    }

    @Test
    void aRecordThatDoesNotFitEventInputFailsTheMutationNamingRecordAndFieldBeforeAnythingIsSent() {
        for (Map<String, Object> bad : List.<Map<String, Object>>of(Map.of("identity", "u-2", "name", 7),
                Map.of("identity", "u-2", "name", name, "colour", "red"), Map.of("identity", "u-2"))) {
            JsonPath answer = GraphQLClient.run("uploadEvents", "events", List.of(Map.of("identity", "u-1", "name", name),
                    Map.of("identity", "u-1", "name", name), bad));

            assertThat(answer.getString("errors[0].extensions.code"), equalTo("BAD_USER_INPUT"));
            String field = bad.containsKey("colour")
                    ? "colour: is not a field of EventInput"
                    : bad.containsKey("name") ? "name: must be a string" : "name: is required";
            assertThat(answer.getString("errors[0].message"), equalTo("events[2]." + field));
        }
        assertThat(stats.snapshot().requests("POST /1/upload"), equalTo(0L));
        assertThat(store.eventCount(name), equalTo(0L));
    }

    @Test
    void anInlineListAndTwoFieldsInOneDocumentAreReadToo() {
        String inline = "mutation { uploadEvents(events: [{identity: \"u-1\", name: \"" + name + "\", properties: "
                + "{seq: 1}}, {identity: \"u-2\", name: \"" + name + "\", occurredAt: \"2024-03-05T15:30:00+05:30\"}]) "
                + "{ accepted } }";
        JsonPath first = post(Map.of("query", inline));
        assertThat(first.getList("errors"), nullValue());
        assertThat(first.getInt("data.uploadEvents.accepted"), equalTo(2));

        String twice = "mutation($a: [EventInput!]!, $b: [EventInput!]!) { a: uploadEvents(events: $a) { accepted } "
                + "b: uploadEvents(events: $b, dryRun: false) { accepted rejected { index code } } }";
        JsonPath second = post(Map.of("query", twice, "variables", Map.of(
                "a", List.of(Map.of("identity", "u-3", "name", name)),
                "b", List.of(Map.of("identity", "u-4", "name", name), Map.of("name", name)))));
        assertThat(second.getList("errors"), nullValue());
        assertThat(second.getInt("data.a.accepted"), equalTo(1));
        assertThat(second.getInt("data.b.accepted"), equalTo(1));
        assertThat(second.getInt("data.b.rejected[0].index"), equalTo(1));
        assertThat(second.getInt("data.b.rejected[0].code"), equalTo(523));
        assertThat(store.eventCount(name), equalTo(4L));
    }

    @Test
    void dryRunInAVariableStoresNothing() {
        JsonPath answer = GraphQLClient.run("uploadEvents", "events", List.of(Map.of("identity", "u-1", "name", name)),
                "dryRun", true);

        assertThat(answer.getInt("data.uploadEvents.accepted"), equalTo(1));
        assertThat(store.eventCount(name), equalTo(0L));
        assertThat(stats.snapshot().requests("POST /1/upload"), equalTo(1L));
    }

    @Test
    void aLongListIsStoredWhileItIsReadAndARecordThatDoesNotFitLaterIsRejectedAtItsIndexAlone() {
        List<Object> events = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            events.add(Map.of("identity", "u-" + (i % 50), "name", name, "properties", Map.of("seq", i)));
        }
        events.set(2000, Map.of("identity", "u-1", "name", name, "occurredAt", "yesterday"));

        JsonPath answer = GraphQLClient.run("uploadEvents", "events", events);

        assertThat(answer.getList("errors"), nullValue());
        assertThat(answer.getString("data.uploadEvents.status"), equalTo("PARTIAL"));
        assertThat(answer.getInt("data.uploadEvents.accepted"), equalTo(2999));
        assertThat(answer.getList("data.uploadEvents.rejected.index"), equalTo(List.of(2000)));
        assertThat(answer.getInt("data.uploadEvents.rejected[0].code"), equalTo(400));
        assertThat(answer.getString("data.uploadEvents.rejected[0].message"),
                equalTo("events[2000].occurredAt: 'yesterday' is not an ISO date-time with offset"));
        // every other record stored once: 1000 + 1000 + 999 in three requests
        assertThat(store.eventCount(name), equalTo(2999L));
        assertThat(stats.snapshot().requests("POST /1/upload"), equalTo(3L));
    }

    private static JsonPath post(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).post("/graphql").then().statusCode(200).extract()
                .jsonPath();
    }
}
