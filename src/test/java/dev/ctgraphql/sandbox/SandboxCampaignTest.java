package dev.ctgraphql.sandbox;

import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

import static dev.ctgraphql.sandbox.SandboxApi.api;
import static dev.ctgraphql.sandbox.SandboxApi.day;
import static dev.ctgraphql.sandbox.SandboxApi.today;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class SandboxCampaignTest {

    @Inject
    SandboxStore store;

    @Inject
    SandboxClock clock;

    @Inject
    SandboxCampaigns campaigns;

    @BeforeEach
    void reset() {
        clock.reset();
        store.reset();
        campaigns.clearRateLimit();
    }

    @Test
    void listShowsApiCampaignsStartingInTheRange() {
        List<Map<String, Object>> targets = targets(day(today().minusDays(90)), day(today().plusDays(30)));
        assertTrue(targets.size() >= 24, "only " + targets.size());
        Set<Object> statuses = targets.stream().map(t -> t.get("status")).collect(Collectors.toSet());
        assertEquals(Set.of("scheduled", "running", "stopped", "completed"), statuses);
        Set<Object> modes = targets.stream().map(t -> t.get("target_mode")).collect(Collectors.toSet());
        assertTrue(modes.containsAll(List.of("push", "email", "sms", "whatsapp", "webpush", "webhook")), modes.toString());
        for (Map<String, Object> target : targets) {
            assertEquals(12, target.get("scheduled_on").toString().length());
        }

        List<Map<String, Object>> future = targets(day(today().plusDays(1)), day(today().plusDays(30)));
        assertFalse(future.isEmpty());
        assertTrue(future.stream().allMatch(t -> "scheduled".equals(t.get("status"))));
    }

    @Test
    void resultsFollowTheCampaignLifecycle() {
        List<Map<String, Object>> targets = targets(day(today().minusDays(90)), day(today().plusDays(30)));
        long scheduled = idWithStatus(targets, "scheduled");
        long running = idWithStatus(targets, "running");
        long completed = idWithStatus(targets, "completed");

        result(scheduled).then().statusCode(500).body("status", is("fail"))
                .body("error", is("This target has no result as of yet")).body("code", is(500));
        api().body(Map.of("id", scheduled)).post("/sandbox/1/targets/stop.json").then().statusCode(200)
                .body("status", is("success"));
        result(scheduled).then().statusCode(200).body("status", is("success"))
                .body("error", is("This target hasn't been completed")).body("code", is(200))
                .body("$", not(hasKey("result")));
        api().body(Map.of("id", scheduled)).post("/sandbox/1/targets/stop.json").then().statusCode(400);

        result(completed).then().statusCode(200).body("status", is("success")).body("result.sent", greaterThan(0))
                .body("result", hasKey("viewed")).body("result", hasKey("clicked")).body("result", hasKey("converted"));

        result(running).then().statusCode(500);
        api().body(Map.of("id", running)).post("/sandbox/1/targets/stop.json").then().statusCode(200);
        result(running).then().statusCode(200).body("result.sent", greaterThan(0));
        assertEquals("stopped", store.campaignStatus(running).orElseThrow());

        result(42).then().statusCode(400).body("status", is("fail")).body("error", is("Invalid target id"))
                .body("code", is(400));
        api().body(Map.of("id", 42)).post("/sandbox/1/targets/stop.json").then().statusCode(400)
                .body("error", is("Invalid target id"));
    }

    @Test
    void createdCampaignRunsThenCompletesWithItsEstimatedReach() {
        Map<String, Object> campaign = Map.of("name", "API push", "target_mode", "push", "when", "now",
                "where", Map.of("event_name", "Charged", "from", day(today().minusDays(30)), "to", day(today())),
                "content", Map.of("title", "Hi", "body", "Hello"));
        int estimate = api().body(withEstimateOnly(campaign)).post("/sandbox/1/targets/create.json").then()
                .statusCode(200).body("status", is("success")).body("$", not(hasKey("id"))).extract()
                .path("estimates.total");
        assertTrue(estimate > 0);

        long id = api().body(campaign).post("/sandbox/1/targets/create.json").then().statusCode(200)
                .body("status", is("success")).body("estimates.total", is(estimate)).extract().jsonPath().getLong("id");
        Map<String, Object> listed = targets(day(today()), day(today())).stream()
                .filter(t -> ((Number) t.get("id")).longValue() == id).findFirst().orElseThrow();
        assertEquals("running", listed.get("status"));
        assertEquals("push", listed.get("target_mode"));
        result(id).then().statusCode(500);

        clock.advance(Duration.ofMinutes(2));
        result(id).then().statusCode(200).body("result.sent", is(estimate));
        assertEquals("completed", store.campaignStatus(id).orElseThrow());
    }

    @Test
    void scheduledCreationStartsLater() {
        String when = today().plusDays(2).atTime(10, 30).format(DateTimeFormatter.ofPattern("yyyyMMdd HH:mm"));
        long id = api().body(Map.of("name", "Later", "target_mode", "email", "when", when,
                "content", Map.of("subject", "S", "body", "<p>B</p>", "sender_name", "Shop")))
                .post("/sandbox/1/targets/create.json").then().statusCode(200).extract().jsonPath().getLong("id");
        assertEquals("scheduled", store.campaignStatus(id).orElseThrow());
        assertTrue(targets(day(today().plusDays(2)), day(today().plusDays(2))).stream()
                .anyMatch(t -> ((Number) t.get("id")).longValue() == id));
    }

    @Test
    void createValidatesItsInput() {
        Map<String, Object> content = Map.of("title", "Hi", "body", "Hello");
        api().body(Map.of("target_mode", "push", "content", content)).post("/sandbox/1/targets/create.json").then()
                .statusCode(400).body("status", is("fail"));
        api().body(Map.of("name", "n", "target_mode", "carrier-pigeon", "content", content))
                .post("/sandbox/1/targets/create.json").then().statusCode(400);
        api().body(Map.of("name", "n", "target_mode", "push", "content", Map.of("title", "t")))
                .post("/sandbox/1/targets/create.json").then().statusCode(400);
        campaigns.clearRateLimit();
        api().body(Map.of("name", "n", "target_mode", "push", "content", content, "when", "20200101 10:00"))
                .post("/sandbox/1/targets/create.json").then().statusCode(400);
        api().body(Map.of("name", "n", "target_mode", "push", "content", content, "when", "tomorrow"))
                .post("/sandbox/1/targets/create.json").then().statusCode(400);
    }

    @Test
    void createIsLimitedToThreeRequestsPerSecond() {
        Map<String, Object> estimate = Map.of("name", "n", "target_mode", "sms", "estimate_only", true, "content",
                Map.of("body", "b"));
        Set<Integer> statuses = new HashSet<>();
        for (int i = 0; i < 6; i++) {
            int status = api().body(estimate).post("/sandbox/1/targets/create.json").statusCode();
            if (i < 3) {
                assertEquals(200, status);
            }
            statuses.add(status);
        }
        assertTrue(statuses.contains(429), statuses.toString());
    }

    @Test
    void messageReportsFilterAndSplitByDay() {
        long from = day(today().minusDays(90));
        long to = day(today().plusDays(30));
        List<Map<String, Object>> all = messages(Map.of("from", Long.toString(from), "to", Long.toString(to)));
        Set<Object> channels = all.stream().map(m -> m.get("channel")).collect(Collectors.toSet());
        assertEquals(Set.of("Push", "Email", "SMS", "WhatsApp", "Browser", "InApp", "Webhooks"), channels);
        assertTrue(all.size() > targets(from, to).size(), "dashboard campaigns are reported too");

        assertTrue(messages(Map.of("from", from, "to", to, "channel", List.of("push"))).stream()
                .allMatch(m -> "Push".equals(m.get("channel"))));
        assertTrue(messages(Map.of("from", from, "to", to, "channel", List.of("browser"))).stream()
                .allMatch(m -> "Browser".equals(m.get("channel"))));
        List<Map<String, Object>> completed = messages(Map.of("from", from, "to", to, "status", List.of("completed")));
        assertFalse(completed.isEmpty());
        assertTrue(completed.stream().allMatch(m -> "completed".equals(m.get("status"))));
        assertTrue(messages(Map.of("from", from, "to", to, "label", List.of("promo"))).stream()
                .allMatch(m -> ((List<?>) m.get("labels")).contains("promo")));

        Map<String, Object> range = Map.of("from", day(today().minusDays(14)), "to", day(today().minusDays(1)));
        JsonPath totals = api().body(range).post("/sandbox/1/message/report.json").then().statusCode(200).extract()
                .jsonPath();
        JsonPath daily = api().body(Map.of("from", day(today().minusDays(14)), "to", day(today().minusDays(1)), "daily", true))
                .post("/sandbox/1/message/report.json").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> byDay = daily.getList("messages");
        assertEquals(totals.getList("messages").size(), byDay.size());
        for (int i = 0; i < byDay.size(); i++) {
            // the reference's form: one date-less array per day of the requested range, in order
            List<List<Map<String, Object>>> days = daily.getList("messages[" + i + "].data");
            assertEquals(14, days.size());
            int sent = days.stream().flatMap(List::stream).mapToInt(d -> (Integer) d.get("sent")).sum();
            assertEquals(totals.getInt("messages[" + i + "].data[0].sent"), sent);
            assertTrue(days.stream().flatMap(List::stream).noneMatch(d -> d.containsKey("date")));
        }

        api().body(Map.of("to", to)).post("/sandbox/1/message/report.json").then().statusCode(400);
    }

    private static Map<String, Object> withEstimateOnly(Map<String, Object> campaign) {
        Map<String, Object> copy = new HashMap<>(campaign);
        copy.put("estimate_only", true);
        return copy;
    }

    private static List<Map<String, Object>> targets(long from, long to) {
        return api().body(Map.of("from", from, "to", to)).post("/sandbox/1/targets/list.json").then().statusCode(200)
                .body("status", is("success")).extract().jsonPath().getList("targets");
    }

    private static List<Map<String, Object>> messages(Map<String, Object> body) {
        return api().body(body).post("/sandbox/1/message/report.json").then().statusCode(200)
                .body("status", is("success")).extract().jsonPath().getList("messages");
    }

    private static long idWithStatus(List<Map<String, Object>> targets, String status) {
        return targets.stream().filter(t -> status.equals(t.get("status"))).map(t -> ((Number) t.get("id")).longValue())
                .findFirst().orElseThrow(() -> new AssertionError("no " + status + " campaign"));
    }

    private static Response result(long id) {
        return api().body(Map.of("id", id)).post("/sandbox/1/targets/result.json");
    }
}
