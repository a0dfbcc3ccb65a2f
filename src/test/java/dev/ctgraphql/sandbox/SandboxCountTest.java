package dev.ctgraphql.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import static dev.ctgraphql.sandbox.SandboxApi.api;
import static dev.ctgraphql.sandbox.SandboxApi.day;
import static dev.ctgraphql.sandbox.SandboxApi.now;
import static dev.ctgraphql.sandbox.SandboxApi.today;
import static dev.ctgraphql.sandbox.SandboxApi.unique;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class SandboxCountTest {

    @Inject
    SandboxClock clock;

    @BeforeEach
    void reset() {
        clock.reset();
    }

    @Test
    void countsArePartialUntilPolled() {
        Map<String, Object> query = Map.of("event_name", "Charged", "from", day(today().minusDays(6)), "to", day(today()));
        long reqId = api().body(query).post("/sandbox/1/counts/events.json").then().statusCode(200)
                .body("status", is("partial")).extract().jsonPath().getLong("req_id");
        api().get("/sandbox/1/counts/events.json?req_id=" + reqId).then().statusCode(200).body("status", is("partial"))
                .body("req_id", is(reqId));
        int events = api().get("/sandbox/1/counts/events.json?req_id=" + reqId).then().statusCode(200)
                .body("status", is("success")).extract().path("count");
        int profiles = SandboxApi.count("profiles", query).getInt("count");
        assertTrue(events > 0 && profiles > 0 && profiles <= events, profiles + " profiles, " + events + " events");

        api().get("/sandbox/1/counts/events.json?req_id=42").then().statusCode(400).body("status", is("fail"));
        api().get("/sandbox/1/counts/profiles.json?req_id=" + reqId).then().statusCode(400);
        api().get("/sandbox/1/counts/events.json").then().statusCode(400);
    }

    @Test
    void dailyTrendsAddUpToTheCount() {
        Map<String, Object> query = Map.of("event_name", "App Launched", "from", day(today().minusDays(13)), "to",
                day(today()), "groups", Map.of("days", Map.of("trend_type", "daily"), "weeks",
                        Map.of("trend_type", "weekly"), "months", Map.of("trend_type", "monthly")));
        JsonPath trends = SandboxApi.count("trends", query);
        Map<String, Integer> days = trends.getMap("days", String.class, Integer.class);
        assertEquals(14, days.size());
        assertTrue(days.containsKey(Long.toString(day(today()))));
        int total = SandboxApi.count("events", Map.of("event_name", "App Launched", "from", day(today().minusDays(13)),
                "to", day(today()))).getInt("count");
        assertEquals(total, days.values().stream().mapToInt(Integer::intValue).sum());
        assertEquals(total, trends.getMap("weeks", String.class, Integer.class).values().stream()
                .mapToInt(Integer::intValue).sum());
        assertTrue(trends.getMap("weeks").keySet().stream().allMatch(k -> k.toString().matches("\\d{6}")));
        assertTrue(trends.getMap("months").keySet().stream().allMatch(k -> k.toString().matches("\\d{6}")));
    }

    @Test
    void uniqueAndSummedTrends() {
        long from = day(today().minusDays(6));
        long to = day(today());
        Map<String, Integer> events = SandboxApi.count("trends", Map.of("event_name", "Charged", "from", from, "to", to,
                "groups", Map.of("g", Map.of("trend_type", "daily")))).getMap("g", String.class, Integer.class);
        Map<String, Integer> people = SandboxApi.count("trends", Map.of("event_name", "Charged", "from", from, "to", to,
                "unique", true, "groups", Map.of("g", Map.of("trend_type", "daily")))).getMap("g", String.class,
                        Integer.class);
        Map<String, Float> amounts = SandboxApi.count("trends", Map.of("event_name", "Charged", "from", from, "to", to,
                "sum_event_prop", "Amount", "groups", Map.of("g", Map.of("trend_type", "daily")))).getMap("g", String.class,
                        Float.class);
        for (String key : events.keySet()) {
            assertTrue(people.get(key) <= events.get(key));
            assertEquals(events.get(key) == 0, amounts.get(key) == 0f, key);
        }
    }

    @Test
    void topValuesAreRankedAndLimited() {
        Map<String, Object> query = Map.of("event_name", "Charged", "from", day(today().minusDays(29)), "to", day(today()),
                "groups", Map.of(
                        "modes", Map.of("property_type", "event_properties", "name", "Payment mode", "top_n", 3),
                        "tiers", Map.of("property_type", "profile_fields", "name", "Customer Type", "order", "asc"),
                        "categories", Map.of("property_type", "event_properties", "name", "Items.Category"),
                        "sources", Map.of("property_type", "session_properties", "name", "session_source")));
        JsonNode top = SandboxApi.countTree("top", query);
        List<Integer> modes = new ArrayList<>();
        top.get("modes").forEach(count -> modes.add(count.intValue()));
        assertEquals(3, modes.size());
        assertTrue(modes.get(0) >= modes.get(1) && modes.get(1) >= modes.get(2), modes.toString());
        List<Integer> tiers = new ArrayList<>();
        top.get("tiers").forEach(count -> tiers.add(count.intValue()));
        assertEquals(4, tiers.size());
        assertTrue(tiers.get(0) <= tiers.get(1) && tiers.get(1) <= tiers.get(2) && tiers.get(2) <= tiers.get(3),
                tiers.toString());
        assertTrue(top.get("categories").has("Electronics"));
        assertTrue(top.get("sources").has("Direct"));

        api().body(Map.of("event_name", "Charged", "from", day(today()), "to", day(today()), "groups",
                Map.of("x", Map.of("property_type", "vibes", "name", "Amount")))).post("/sandbox/1/counts/top.json")
                .then().statusCode(400).body("status", is("fail"));
    }

    @Test
    void realtimeCountsRecentUploadsAndSplits() {
        JsonPath split = api().body(Map.of("user_type", true, "session_source", true, "browser", true, "os", true,
                "device", true)).post("/sandbox/1/now.json").then().statusCode(200).body("status", is("success"))
                .extract().jsonPath();
        int count = split.getInt("count");
        assertTrue(count > 0);
        for (String flag : SandboxAnalytics.NOW_FLAGS) {
            assertEquals(count, split.getMap(flag, String.class, Integer.class).values().stream()
                    .mapToInt(Integer::intValue).sum(), flag);
        }
        api().body("{}").post("/sandbox/1/now.json").then().statusCode(200).body("count", is(count));

        for (int attempt = 0; attempt < 3; attempt++) {
            long window = now() / 300;
            int before = api().body("{}").post("/sandbox/1/now.json").then().extract().path("count");
            SandboxApi.upload(SandboxApi.event(unique("live"), "App Launched", now(), Map.of()));
            int after = api().body("{}").post("/sandbox/1/now.json").then().extract().path("count");
            if (window == now() / 300) {
                assertEquals(before + 1, after);
                return;
            }
        }
        throw new AssertionError("five-minute window kept changing");
    }
}
