package dev.ctgraphql.graphql.http;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import dev.ctgraphql.GraphQLClient;
import dev.ctgraphql.upstream.ResponseCache;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/**
 * Queries made only of direct fields run on {@link LeanExecution}; they must answer exactly what SmallRye's executor
 * answers, coerce every request's variables afresh although the document is kept, and keep error codes and metrics.
 */
@QuarkusTest
class LeanExecutionTest {

    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    @Inject
    LeanExecution lean;

    @Inject
    ResponseCache caches;

    @Inject
    MeterRegistry registry;

    @BeforeEach
    void emptyCaches() {
        // also ends every kept answer, so each request below executes
        caches.clearLocal();
    }

    private static Map<String, Object> query(String event, int fromDaysAgo, int toDaysAgo) {
        return Map.of("eventName", event, "range", Map.of("from", TODAY.minusDays(fromDaysAgo).toString(),
                "to", TODAY.minusDays(toDaysAgo).toString()));
    }

    @Test
    void directFieldsAnswerWhatSmallRyesExecutorAnswers() {
        Map<String, Object> query = query("Charged", 40, 33);
        Map<String, Object> property = Map.of("kind", "EVENT_PROPERTY", "name", "Payment mode");
        List<String> splitBy = List.of("OS");
        long before = lean.executed();

        JsonPath count = GraphQLClient.run("eventCount", "query", query);
        JsonPath profiles = GraphQLClient.run("profileCount", "query", query);
        JsonPath trend = GraphQLClient.run("trend", "query", query, "granularity", "DAILY");
        JsonPath top = GraphQLClient.run("top", "query", query, "property", property);
        JsonPath realtime = GraphQLClient.run("realtime", "splitBy", splitBy);
        assertThat("each of the five ran on the lean executor", lean.executed() - before, is(5L));
        JsonPath smallRye = GraphQLClient.run("countsOnSmallRye", "query", query, "granularity", "DAILY", "property",
                property, "splitBy", splitBy);
        assertThat("a root __typename keeps a document off the lean executor", lean.executed() - before, is(5L));

        assertThat(smallRye.getList("errors"), nullValue());
        assertThat(count.getString("data.eventCount.status"), equalTo("COMPLETE"));
        assertThat(count.getMap("data.eventCount"), equalTo(smallRye.getMap("data.eventCount")));
        assertThat(profiles.getMap("data.profileCount"), equalTo(smallRye.getMap("data.profileCount")));
        assertThat(trend.getList("data.trend").size(), is(8));
        assertThat(trend.getList("data.trend"), equalTo(smallRye.getList("data.trend")));
        assertThat(top.getList("data.topPropertyValues"), not(equalTo(List.of())));
        assertThat(top.getList("data.topPropertyValues"), equalTo(smallRye.getList("data.topPropertyValues")));
        assertThat(realtime.getMap("data.realtimeUserCount"), equalTo(smallRye.getMap("data.realtimeUserCount")));
    }

    @Test
    void theTypenamePingRunsOnTheLeanExecutor() {
        long before = lean.executed();

        given().contentType("application/json").body(Map.of("query", "{ __typename }")).post("/graphql")
                .then().statusCode(200).body(equalTo("{\"data\":{\"__typename\":\"Query\"}}"));
        given().contentType("application/json").body(Map.of("query", "query Ping { alias: __typename }"))
                .post("/graphql").then().statusCode(200).body("data.alias", equalTo("Query"));

        assertThat("both pings ran on the lean executor", lean.executed() - before, is(2L));
    }

    @Test
    void aKeptDocumentCoercesEachRequestsOwnVariables() {
        long before = lean.executed();
        long week = GraphQLClient.run("eventCount", "query", query("App Launched", 30, 24))
                .getLong("data.eventCount.value");
        long day = GraphQLClient.run("eventCount", "query", query("App Launched", 30, 30))
                .getLong("data.eventCount.value");
        JsonPath badDate = GraphQLClient.run("eventCount", "query",
                Map.of("eventName", "App Launched", "range", Map.of("from", "2026-02-30", "to", "2026-03-01")));
        JsonPath missing = GraphQLClient.run("eventCount");
        long weekAgain = GraphQLClient.run("eventCount", "query", query("App Launched", 30, 24))
                .getLong("data.eventCount.value");

        assertThat("one day counts fewer launches than the week it starts", day < week, is(true));
        assertThat(weekAgain, is(week));
        assertThat(badDate.getString("data"), nullValue());
        assertThat(badDate.getString("errors[0].message"), containsString("2026-02-30"));
        assertThat(badDate.getString("errors[0].extensions.code"), equalTo("BAD_USER_INPUT"));
        assertThat(missing.getString("data"), nullValue());
        assertThat(missing.getString("errors[0].message"), containsString("query"));
        assertThat(missing.getString("errors[0].extensions.code"), equalTo("BAD_USER_INPUT"));
        assertThat("all five ran on the lean executor", lean.executed() - before, is(5L));
    }

    @Test
    void errorsOfDirectFieldsCarryTheSameCodesAndMessages() {
        Map<String, Object> blank = Map.of("eventName", " ", "range", Map.of("from", TODAY.minusDays(3).toString(),
                "to", TODAY.minusDays(2).toString()));

        JsonPath onLean = GraphQLClient.run("eventCount", "query", blank);
        JsonPath onSmallRye = GraphQLClient.run("countsOnSmallRye", "query", blank, "granularity", "DAILY", "property",
                Map.of("kind", "EVENT_PROPERTY", "name", "Payment mode"), "splitBy", List.of());

        assertThat(onLean.getString("data"), nullValue());
        assertThat(onLean.getString("errors[0].extensions.code"), equalTo("BAD_USER_INPUT"));
        assertThat(onLean.getList("errors[0].path"), contains("eventCount"));
        assertThat(onLean.getString("errors[0].message"), containsString("query.eventName"));
        Map<?, ?> smallRyes = onSmallRye.getList("errors", Map.class).stream()
                .filter(error -> List.of("eventCount").equals(error.get("path"))).findFirst().orElseThrow();
        // the locations differ: the field is on another line of the other document
        for (String key : List.of("message", "path", "extensions")) {
            assertThat(key, onLean.get("errors[0]." + key), equalTo(smallRyes.get(key)));
        }
    }

    @Test
    void directFieldsAreTimedInSmallRyesOperationMetric() {
        Timer timer = registry.find("mp_graphql").tags("name", "trend", "type", "QUERY").timer();
        assertThat(timer, notNullValue());
        long before = timer.count();

        GraphQLClient.run("trend", "query", query("App Launched", 12, 10), "granularity", "DAILY");
        GraphQLClient.run("trend", "query", query("App Launched", 12, 11), "granularity", "DAILY");

        assertThat(timer.count() - before, is(2L));
    }
}
