package dev.ctgraphql;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.in;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/**
 * End to end on the embedded sandbox, through HTTP only (so the same tests run against the packaged jar as
 * {@code SandboxGraphQLIT}): every query of the schema returns seeded data, and bad input is refused before any
 * request reaches the sandbox.
 */
@QuarkusTest
class SandboxGraphQLTest {

    static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    static Map<String, Object> query(String event, LocalDate from, LocalDate to) {
        return Map.of("eventName", event, "range", Map.of("from", from.toString(), "to", to.toString()));
    }

    static JsonPath stats() {
        return given().get("/sandbox/_stats").then().statusCode(200).extract().jsonPath();
    }

    static int totalRequests() {
        Map<String, Integer> requests = stats().getMap("requests");
        return requests.values().stream().mapToInt(Integer::intValue).sum();
    }

    @Test
    void campaignsOnEveryChannelWithReports() {
        JsonPath answer = GraphQLClient.run("campaigns", "range", Map.of("from", TODAY.minusDays(90).toString(),
                "to", TODAY.plusDays(30).toString()));

        assertThat(answer.getList("errors"), nullValue());
        assertThat(answer.getList("data.campaigns"), hasSize(greaterThanOrEqualTo(20)));
        assertThat(answer.getList("data.campaigns.channel"), hasItems("PUSH", "EMAIL", "SMS", "WHATSAPP", "WEBPUSH"));
        assertThat(answer.getList("data.campaigns.report.ready"), hasItems(true, false));
        List<Map<String, Object>> campaigns = answer.getList("data.campaigns");
        for (Map<String, Object> campaign : campaigns) {
            @SuppressWarnings("unchecked")
            Map<String, Object> report = (Map<String, Object>) campaign.get("report");
            if (Boolean.TRUE.equals(report.get("ready"))) {
                assertThat(((Number) report.get("sent")).longValue(), greaterThan(0L));
                assertThat(((Number) report.get("clicked")).longValue(),
                        lessThanOrEqualTo(((Number) report.get("sent")).longValue()));
            }
        }

        String id = answer.getString("data.campaigns[0].id");
        JsonPath one = GraphQLClient.run("campaign", "id", id);
        assertThat(one.getString("data.campaign.name"), equalTo(answer.getString("data.campaigns[0].name")));
    }

    @Test
    void eventsPageAfterPageAddUpToTheEventCount() {
        LocalDate day = TODAY.minusDays(3);
        Map<String, Object> launched = query("App Launched", day, day);

        JsonPath first = GraphQLClient.run("events", "query", launched, "first", 20);
        assertThat(first.getList("errors"), nullValue());
        assertThat(first.getList("data.events.nodes"), hasSize(20));
        assertThat(first.getBoolean("data.events.pageInfo.hasNextPage"), equalTo(true));
        assertThat(first.getString("data.events.nodes[0].occurredAt"), containsString(day.toString()));
        assertThat(first.getString("data.events.nodes[0].profile.identity"), notNullValue());

        String cursor = first.getString("data.events.pageInfo.endCursor");
        JsonPath second = GraphQLClient.run("events", "query", launched, "first", 20, "after", cursor);
        assertThat(second.getList("data.events.nodes"), hasSize(greaterThan(0)));
        assertThat(second.getString("data.events.nodes[0].occurredAt"),
                greaterThanOrEqualTo(first.getString("data.events.nodes[19].occurredAt")));

        int total = 0;
        String after = null;
        do {
            JsonPath page = after == null
                    ? GraphQLClient.run("events", "query", launched, "first", 5000)
                    : GraphQLClient.run("events", "query", launched, "first", 5000, "after", after);
            total += page.getList("data.events.nodes").size();
            after = page.getString("data.events.pageInfo.endCursor");
        } while (after != null);
        long counted = GraphQLClient.run("eventCount", "query", launched).getLong("data.eventCount.value");
        assertThat((long) total, equalTo(counted));
    }

    @Test
    void aProfileFromAnEventHasItsEventSummary() {
        LocalDate day = TODAY.minusDays(5);
        JsonPath events = GraphQLClient.run("events", "query", query("Charged", day, day), "first", 1);
        String identity = events.getString("data.events.nodes[0].profile.identity");

        JsonPath profile = GraphQLClient.run("profile", "identity", identity);

        assertThat(profile.getList("errors"), nullValue());
        assertThat(profile.getString("data.profile.identity"), equalTo(identity));
        assertThat(profile.getString("data.profile.email"), containsString("@"));
        assertThat(profile.getList("data.profile.platforms"), hasSize(greaterThan(0)));
        assertThat(profile.getList("data.profile.eventSummary.eventName"), hasItem("Charged"));

        JsonPath byEmail = GraphQLClient.run("profile", "email", profile.getString("data.profile.email"));
        assertThat(byEmail.getString("data.profile.identity"), equalTo(identity));
        assertThat(GraphQLClient.run("profile", "identity", "nobody-" + System.nanoTime()).getString("data.profile"),
                nullValue());
    }

    @Test
    void profilesWhoDidAnEventArePagedToo() {
        JsonPath page = GraphQLClient.run("profiles", "query", query("Charged", TODAY.minusDays(7), TODAY), "first", 23);
        assertThat(page.getList("errors"), nullValue());
        assertThat(page.getList("data.profiles.nodes"), hasSize(23));
        assertThat(page.getList("data.profiles.nodes.eventSummary.eventName"), everyItem(hasItem("Charged")));
        assertThat(page.getBoolean("data.profiles.pageInfo.hasNextPage"), equalTo(true));
    }

    @Test
    void countsTrendAndTopValuesAgree() {
        Map<String, Object> charged = query("Charged", TODAY.minusDays(13), TODAY);

        JsonPath events = GraphQLClient.run("eventCount", "query", charged);
        JsonPath profiles = GraphQLClient.run("profileCount", "query", charged);
        assertThat(events.getString("data.eventCount.status"), equalTo("COMPLETE"));
        long eventCount = events.getLong("data.eventCount.value");
        long profileCount = profiles.getLong("data.profileCount.value");
        assertThat(eventCount, greaterThan(0L));
        assertThat(profileCount, greaterThan(0L));
        assertThat(profileCount, lessThanOrEqualTo(eventCount));

        JsonPath trend = GraphQLClient.run("trend", "query", charged, "granularity", "DAILY");
        List<Float> values = trend.getList("data.trend.value", Float.class);
        assertThat(values, hasSize(14));
        assertThat(trend.getString("data.trend[0].start"), equalTo(TODAY.minusDays(13).toString()));
        assertThat((long) values.stream().mapToDouble(Float::doubleValue).sum(), equalTo(eventCount));

        JsonPath revenue = GraphQLClient.run("trend", "query", charged, "granularity", "WEEKLY", "sumProperty", "Amount");
        assertThat(revenue.getList("data.trend.value", Float.class).stream().mapToDouble(Float::doubleValue).sum(),
                greaterThan(0.0));

        JsonPath top = GraphQLClient.run("top", "query", charged, "property",
                Map.of("kind", "EVENT_PROPERTY", "name", "Payment mode"),
                "limit", 3);
        List<Long> counts = top.getList("data.topPropertyValues.count", Long.class);
        assertThat(counts, hasSize(greaterThan(0)));
        assertThat(counts.stream().mapToLong(Long::longValue).sum(), lessThanOrEqualTo(eventCount));
        for (int i = 1; i < counts.size(); i++) {
            assertThat(counts.get(i), lessThanOrEqualTo(counts.get(i - 1)));
        }
    }

    @Test
    void realtimeCountIsSplitByWhatIsAskedFor() {
        JsonPath answer = GraphQLClient.run("realtime", "splitBy", List.of("OS"));

        long total = answer.getLong("data.realtimeUserCount.total");
        assertThat(total, greaterThan(0L));
        assertThat(answer.getList("data.realtimeUserCount.breakdown.dimension"), everyItem(equalTo("OS")));
        assertThat(
                answer.getList("data.realtimeUserCount.breakdown.count", Long.class).stream().mapToLong(Long::longValue).sum(),
                equalTo(total));
    }

    @Test
    void messageReportsPerChannelWithDailyStats() {
        LocalDate from = TODAY.minusDays(30);
        JsonPath answer = GraphQLClient.run("messageReports", "range", Map.of("from", from.toString(), "to", TODAY.toString()),
                "channels", List.of("PUSH", "EMAIL"), "daily", true);

        assertThat(answer.getList("errors"), nullValue());
        assertThat(answer.getList("data.messageReports"), hasSize(greaterThan(0)));
        assertThat(answer.getList("data.messageReports.channel"), everyItem(in(List.of("PUSH", "EMAIL"))));
        List<String> days = answer.getList("data.messageReports.daily.flatten().date");
        assertThat(days, hasSize(greaterThan(0)));
        assertThat(days, everyItem(greaterThanOrEqualTo(from.toString())));
    }

    @Test
    void badInputIsRefusedBeforeAnyUpstreamCall() {
        int before = totalRequests();

        JsonPath twoIds = GraphQLClient.run("profile", "identity", "user-0001", "email", "x@example.com");
        assertThat(twoIds.getString("errors[0].extensions.code"), equalTo("BAD_USER_INPUT"));

        JsonPath backwards = GraphQLClient.run("eventCount", "query", query("Charged", TODAY, TODAY.minusDays(1)));
        assertThat(backwards.getString("errors[0].extensions.code"), equalTo("BAD_USER_INPUT"));
        assertThat(backwards.getString("errors[0].message"), containsString("is after"));

        JsonPath badDate = GraphQLClient.run("eventCount", "query", Map.of("eventName", "Charged",
                "range", Map.of("from", "2024-13-45", "to", "2024-12-01")));
        assertThat(badDate.getString("errors[0].message"), containsString("2024-13-45"));
        assertThat(badDate.getString("data"), nullValue());

        JsonPath badFilter = GraphQLClient.run("eventCount", "query", Map.of("eventName", "Charged",
                "range", Map.of("from", "2024-12-01", "to", "2024-12-02"),
                "eventProperties", List.of(Map.of("name", "Amount", "operator", "GREATER_THAN", "value", "lots"))));
        assertThat(badFilter.getString("errors[0].extensions.code"), equalTo("BAD_USER_INPUT"));
        assertThat(badFilter.getString("errors[0].message"), containsString("query.eventProperties[0].value"));

        assertThat(totalRequests(), equalTo(before));
    }

    @Test
    void manyDifferentQueriesAtOnceNeverExceedCleverTapsConcurrencyLimit() {
        given().delete("/sandbox/_stats").then().statusCode(anyOf2xx());
        List<CompletableFuture<JsonPath>> answers = new ArrayList<>();
        IntStream.range(0, 12).forEach(i -> answers.add(CompletableFuture.supplyAsync(() -> GraphQLClient.run("eventCount",
                "query", query("Product Viewed", TODAY.minusDays(40 + i), TODAY.minusDays(20 + i))))));

        for (CompletableFuture<JsonPath> answer : answers) {
            assertThat(answer.join().getString("data.eventCount.status"), equalTo("COMPLETE"));
        }
        JsonPath stats = stats();
        assertThat(stats.getInt("peakInFlight.other"), lessThanOrEqualTo(3));
        assertThat(stats.getInt("rejected429"), equalTo(0));
        assertThat(stats.getInt("requests.'POST /1/counts/events.json'"), equalTo(12));
    }

    private static org.hamcrest.Matcher<Integer> anyOf2xx() {
        return not(greaterThanOrEqualTo(300));
    }
}
