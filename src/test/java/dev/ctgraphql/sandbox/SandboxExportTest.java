package dev.ctgraphql.sandbox;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import static dev.ctgraphql.sandbox.SandboxApi.api;
import static dev.ctgraphql.sandbox.SandboxApi.day;
import static dev.ctgraphql.sandbox.SandboxApi.now;
import static dev.ctgraphql.sandbox.SandboxApi.raw;
import static dev.ctgraphql.sandbox.SandboxApi.today;
import static dev.ctgraphql.sandbox.SandboxApi.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class SandboxExportTest {

    @Test
    void uploadedEventsAreExportedPageByPageAndCounted() {
        String identity = unique("export");
        String name = unique("Exported");
        long now = now();
        for (int i = 5; i >= 1; i--) {
            SandboxApi.upload(SandboxApi.event(identity, name, now - 60L * i, Map.of("Step", i)));
        }
        Map<String, Object> query = Map.of("event_name", name, "from", day(today().minusDays(1)), "to", day(today()));
        String cursor = api().body(query).post("/sandbox/1/events.json?batch_size=2&events=true&profile=true").then()
                .statusCode(200).body("status", is("success")).extract().path("cursor");
        assertTrue(cursor.contains("%2B") && cursor.contains("%2F") && cursor.contains("%3D"), cursor);

        raw().get("/sandbox/1/events.json?cursor=" + cursor).then().statusCode(200).body("status", is("fail"))
                .body("code", is(2)).body("error", containsString("still in progress"));

        List<Integer> steps = new ArrayList<>();
        List<Long> timestamps = new ArrayList<>();
        int pages = 0;
        String next = cursor;
        while (next != null) {
            JsonPath page = raw().get("/sandbox/1/events.json?cursor=" + next).then().statusCode(200)
                    .body("status", is("success")).extract().jsonPath();
            pages++;
            steps.addAll(page.getList("records.event_props.Step", Integer.class));
            timestamps.addAll(page.getList("records.ts", Long.class));
            assertEquals(identity, page.getString("records[0].profile.identity"));
            assertEquals(5, page.getInt("records[0].profile.events.'" + name + "'.count"));
            next = page.getString("next_cursor");
        }
        assertEquals(3, pages);
        assertEquals(List.of(5, 4, 3, 2, 1), steps);
        for (long ts : timestamps) {
            assertEquals(14, Long.toString(ts).length());
            assertTrue(Long.toString(ts).startsWith(Long.toString(day(today())))
                    || Long.toString(ts).startsWith(Long.toString(day(today().minusDays(1)))));
        }

        assertEquals(5, SandboxApi.count("events", query).getInt("count"));
        assertEquals(1, SandboxApi.count("profiles", query).getInt("count"));
    }

    @Test
    void aDecodedOrDoubleEncodedCursorIsIncorrectUsage() {
        String cursor = openCharged();
        String decoded = URLDecoder.decode(cursor, StandardCharsets.UTF_8);

        raw().get("/sandbox/1/events.json?cursor=" + decoded).then().statusCode(400).body("status", is("fail"))
                .body("error", is("Incorrect Usage")).body("code", is(3));
        api().get("/sandbox/1/events.json?cursor=" + cursor).then().statusCode(400).body("code", is(3));
        api().queryParam("cursor", cursor).get("/sandbox/1/events.json").then().statusCode(400).body("code", is(3));
        raw().get("/sandbox/1/profiles.json?cursor=" + cursor).then().statusCode(400).body("code", is(3));

        raw().get("/sandbox/1/events.json?cursor=" + cursor).then().statusCode(200).body("code", is(2));
        raw().body("{}").post("/sandbox/1/events.json?cursor=" + cursor).then().statusCode(200)
                .body("records", hasSize(3)).body("next_cursor", notNullValue());
    }

    @Test
    void nothingMatchingMeansNoCursor() {
        api().body(Map.of("event_name", "Never Raised", "from", day(today().minusDays(7)), "to", day(today())))
                .post("/sandbox/1/events.json").then().statusCode(200).body("status", is("success"))
                .body("$", not(hasKey("cursor")));
    }

    @Test
    void badQueriesAre400() {
        long today = day(today());
        api().body(Map.of("event_name", "Charged", "from", today, "to", today)).post("/sandbox/1/events.json?batch_size=5001")
                .then().statusCode(400).body("status", is("fail")).body("error", containsString("batch_size"));
        api().body(Map.of("event_name", "Charged", "from", today, "to", day(today().minusDays(3))))
                .post("/sandbox/1/events.json").then().statusCode(400).body("error", containsString("from"));
        api().body(Map.of("event_name", "Charged", "from", "2024-01-01", "to", today)).post("/sandbox/1/events.json")
                .then().statusCode(400).body("code", is(400));
        api().body(Map.of("from", today, "to", today)).post("/sandbox/1/events.json").then().statusCode(400)
                .body("error", containsString("event_name"));
        api().body(Map.of("event_name", "Charged", "from", today, "to", day(today().plusDays(2))))
                .post("/sandbox/1/events.json").then().statusCode(400).body("code", is(4002));
        api().body(Map.of("event_name", "Notification Sent", "from", today, "to", today)).post("/sandbox/1/events.json")
                .then().statusCode(400).body("error", is("Export not allowed for this event"));
    }

    @Test
    void filtersNarrowTheExport() {
        Map<String, Object> all = Map.of("event_name", "Charged", "from", day(today().minusDays(30)), "to", day(today()));
        Map<String, Object> upi = Map.of("event_name", "Charged", "from", day(today().minusDays(30)), "to", day(today()),
                "event_properties", List.of(Map.of("name", "Payment mode", "operator", "equals", "value", "UPI")),
                "common_profile_properties",
                Map.of("profile_fields", List.of(Map.of("name", "Country", "operator", "equals", "value", "IN"))));
        int total = SandboxApi.count("events", all).getInt("count");
        int filtered = SandboxApi.count("events", upi).getInt("count");
        assertTrue(filtered > 0 && filtered < total, filtered + " of " + total);

        String cursor = api().body(upi).post("/sandbox/1/events.json?batch_size=50").then().statusCode(200).extract()
                .path("cursor");
        raw().get("/sandbox/1/events.json?cursor=" + cursor);
        JsonPath page = raw().get("/sandbox/1/events.json?cursor=" + cursor).then().statusCode(200).extract().jsonPath();
        assertTrue(page.getList("records.event_props.'Payment mode'", String.class).stream().allMatch("UPI"::equals));
        assertTrue(page.getList("records.profile.profileData.Country", String.class).stream().allMatch("IN"::equals));
    }

    @Test
    void profilesExportInTheGetProfilesShape() {
        String identity = unique("profiled");
        String name = unique("Profiled");
        SandboxApi.upload(Map.of("type", "profile", "identity", identity, "profileData", Map.of("Name", "Pat")),
                SandboxApi.event(identity, name, now(), Map.of()), SandboxApi.event(identity, name, now(), Map.of()));
        String cursor = api().body(Map.of("event_name", name, "from", day(today()), "to", day(today())))
                .post("/sandbox/1/profiles.json?batch_size=23").then().statusCode(200).extract().path("cursor");
        raw().get("/sandbox/1/profiles.json?cursor=" + cursor).then().body("code", is(2));
        raw().get("/sandbox/1/profiles.json?cursor=" + cursor).then().statusCode(200).body("status", is("success"))
                .body("records", hasSize(1)).body("records[0].identity", is(identity))
                .body("records[0].name", is("Pat")).body("records[0].objectId", containsString("__g"))
                .body("records[0].events.'" + name + "'.count", is(2))
                .body("records[0].platformInfo", notNullValue()).body("$", not(hasKey("next_cursor")));
    }

    @Test
    void profileLookupNeedsExactlyOneKnownId() {
        JsonPath profile = api().get("/sandbox/1/profile.json?identity=user-0002").then().statusCode(200)
                .body("status", is("success")).extract().jsonPath();
        String email = profile.getString("record.email");
        String objectId = profile.getString("record.objectId");
        api().get("/sandbox/1/profile.json?email=" + email).then().statusCode(200).body("record.identity", is("user-0002"));
        api().get("/sandbox/1/profile.json?objectId=" + objectId).then().statusCode(200)
                .body("record.identity", is("user-0002")).body("record.platformInfo[0].objectId", is(objectId))
                .body("record.events", notNullValue());

        api().get("/sandbox/1/profile.json").then().statusCode(400).body("status", is("fail"));
        api().get("/sandbox/1/profile.json?identity=user-0002&email=" + email).then().statusCode(400);
        api().get("/sandbox/1/profile.json?identity=nobody-at-all").then().statusCode(404)
                .body("status", is("fail")).body("error", is("Profile not found")).body("code", is(404));
    }

    @Test
    void deletedProfilesTakeTheirEventsWithThem() {
        String name = unique("Doomed");
        String keep = unique("keep");
        String drop = unique("drop");
        SandboxApi.upload(SandboxApi.event(keep, name, now(), Map.of()), SandboxApi.event(drop, name, now(), Map.of()),
                SandboxApi.event(drop, name, now(), Map.of()));
        Map<String, Object> query = Map.of("event_name", name, "from", day(today()), "to", day(today()));
        assertEquals(3, SandboxApi.count("events", query).getInt("count"));

        api().body(Map.of("identity", List.of(drop, "never-existed"))).post("/sandbox/1/delete/profiles.json").then()
                .statusCode(200).body("status", is("success"));
        api().get("/sandbox/1/profile.json?identity=" + drop).then().statusCode(404);
        assertEquals(1, SandboxApi.count("events", query).getInt("count"));

        String guid = api().get("/sandbox/1/profile.json?identity=" + keep).then().extract().path("record.objectId");
        api().body(Map.of("guid", guid)).post("/sandbox/1/delete/profiles.json").then().statusCode(200);
        api().get("/sandbox/1/profile.json?identity=" + keep).then().statusCode(404);

        api().body(Map.of("identity", "a", "guid", "b")).post("/sandbox/1/delete/profiles.json").then().statusCode(400)
                .body("status", is("fail"));
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            many.add("id-" + i);
        }
        api().body(Map.of("identity", many)).post("/sandbox/1/delete/profiles.json").then().statusCode(400);
        api().body("{}").post("/sandbox/1/delete/profiles.json").then().statusCode(400);
    }

    private static String openCharged() {
        return api().body(Map.of("event_name", "Charged", "from", day(today().minusDays(30)), "to", day(today())))
                .post("/sandbox/1/events.json?batch_size=3").then().statusCode(200).extract().path("cursor");
    }
}
