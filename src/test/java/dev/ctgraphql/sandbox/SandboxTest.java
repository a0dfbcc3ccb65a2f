package dev.ctgraphql.sandbox;

import java.time.Instant;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

import dev.ctgraphql.upstream.CleverTapConfig;

import static dev.ctgraphql.sandbox.SandboxApi.api;
import static dev.ctgraphql.sandbox.SandboxApi.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.aMapWithSize;
import static org.hamcrest.Matchers.anEmptyMap;
import static org.hamcrest.Matchers.hasEntry;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.oneOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class SandboxTest {

    @Inject
    SandboxStats stats;

    @Inject
    SandboxFaults faults;

    @Inject
    CleverTapConfig config;

    @BeforeEach
    void reset() {
        faults.reset();
        given().delete("/sandbox/_stats").then().statusCode(200);
    }

    @Test
    void wrongCredentialsAre401WithCleverTapsBody() {
        given().header("X-CleverTap-Account-Id", SandboxApi.ACCOUNT).header("X-CleverTap-Passcode", "wrong")
                .contentType(ContentType.JSON).body("{\"d\":[]}").post("/sandbox/1/upload").then().statusCode(401)
                .body("status", is("fail")).body("error", is("Invalid Passcode")).body("code", is(401));
        given().header("X-CleverTap-Account-Id", "someone-else").header("X-CleverTap-Passcode", SandboxApi.PASSCODE)
                .get("/sandbox/1/profile.json?identity=user-0001").then().statusCode(401)
                .body("error", is("Account ID is not valid")).body("code", is(401));
        given().get("/sandbox/1/profile.json?identity=user-0001").then().statusCode(401);
    }

    @Test
    void statsCountEveryRequestByCleverTapPath() {
        api().get("/sandbox/1/profile.json?identity=user-0001").then().statusCode(200);
        api().get("/sandbox/1/profile.json?identity=user-0002").then().statusCode(200);
        api().body("{\"d\":[]}").post("/sandbox/1/upload").then().statusCode(200);
        given().get("/sandbox/1/profile.json?identity=user-0001").then().statusCode(401);
        api().post("/sandbox/1/nope.json").then().statusCode(404);

        given().get("/sandbox/_stats").then().statusCode(200)
                .body("requests", hasEntry("GET /1/profile.json", 3))
                .body("requests", hasEntry("POST /1/upload", 1))
                .body("requests", hasEntry("POST /1/nope.json", 1))
                .body("requests", aMapWithSize(3))
                .body("peakInFlight.upload", is(1)).body("peakInFlight.other", is(1))
                .body("inFlight.upload", is(0)).body("inFlight.other", is(0))
                .body("rejected429", is(0)).body("faults", is(0));

        SandboxStats.Snapshot snapshot = stats.snapshot();
        assertEquals(3, snapshot.requests("GET /1/profile.json"));
        assertEquals(1, snapshot.peakInFlight().get("upload"));

        given().delete("/sandbox/_stats").then().statusCode(200);
        given().get("/sandbox/_stats").then().body("requests", anEmptyMap()).body("peakInFlight.other", is(0));
    }

    @Test
    void unknownPathIs404AndWrongMethodIs405() {
        api().get("/sandbox/1/campaigns.json").then().statusCode(404).body("status", is("fail")).body("code", is(404));
        api().get("/sandbox/2/upload").then().statusCode(404).body("code", is(404));
        api().get("/sandbox/1/upload").then().statusCode(405).body("code", is(405));
    }

    @Test
    void malformedJsonIs400() {
        api().body("{\"d\": [").post("/sandbox/1/upload").then().statusCode(400).body("status", is("fail"))
                .body("code", is(400));
        api().body("[1,2]").post("/sandbox/1/counts/events.json").then().statusCode(400).body("code", is(400));
    }

    @Test
    void injectedFaultStoresNothing() {
        String identity = unique("fault");
        Map<String, Object> profile = Map.of("type", "profile", "identity", identity, "profileData", Map.of("Name", "F"));
        faults.failNext(1, 503);

        api().body(Map.of("d", List.of(profile))).post("/sandbox/1/upload").then().statusCode(503)
                .body("status", is("fail")).body("error", is("Service unavailable, retry later")).body("code", is(503));
        api().get("/sandbox/1/profile.json?identity=" + identity).then().statusCode(404);
        assertEquals(1, stats.snapshot().faults());

        api().body(Map.of("d", List.of(profile))).post("/sandbox/1/upload").then().statusCode(200);
        api().get("/sandbox/1/profile.json?identity=" + identity).then().statusCode(200).body("record.name", is("F"));
    }

    @Test
    void faultRateAnswers429Or503() {
        faults.setFaultRate(1.0);
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 30; i++) {
            Response response = api().body("{}").post("/sandbox/1/now.json");
            seen.add(response.statusCode());
            response.then().statusCode(oneOf(429, 503)).body("status", is("fail"))
                    .body("error", oneOf("Too many concurrent requests", "Service unavailable, retry later"));
        }
        assertEquals(Set.of(429, 503), seen);
        assertEquals(30, stats.snapshot().faults());
        assertEquals(0, stats.snapshot().rejected429());
    }

    @Test
    void sameSeedGivesTheSameData() {
        ZoneId zone = ZoneId.of("UTC");
        Instant now = Instant.now();
        SandboxProfile a = first(new SandboxSeed(7, 50, 500, 10, zone, now).generate());
        SandboxProfile b = first(new SandboxSeed(7, 50, 500, 10, zone, now).generate());
        SandboxProfile c = first(new SandboxSeed(8, 50, 500, 10, zone, now).generate());
        assertEquals(a.objectId, b.objectId);
        assertEquals(a.email, b.email);
        assertEquals(a.profileData, b.profileData);
        assertEquals("user-0001", a.identity);
        assertNotEquals(a.objectId, c.objectId);

        CleverTapConfig.Sandbox sandbox = config.sandbox();
        SandboxData fresh = new SandboxSeed(sandbox.seed(), sandbox.profiles(), sandbox.events(), sandbox.days(),
                config.timeZone(), now).generate();
        SandboxProfile expected = first(fresh);
        api().get("/sandbox/1/profile.json?identity=user-0001").then().statusCode(200)
                .body("record.objectId", is(expected.objectId)).body("record.email", is(expected.email))
                .body("record.name", is(expected.name));
        assertEquals(sandbox.profiles(), fresh.profiles().size());
        assertEquals(sandbox.events(), fresh.eventCount());
    }

    @Test
    void seedingIsQuick() {
        ZoneId zone = ZoneId.of("UTC");
        new SandboxSeed(1, 1200, 24000, 75, zone, Instant.now()).generate();
        long started = System.nanoTime();
        SandboxData data = new SandboxSeed(2, 1200, 24000, 75, zone, Instant.now()).generate();
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(millis < 1000, "seeding took " + millis + " ms");
        assertTrue(data.campaigns().size() >= 24);
        assertTrue(data.events(SandboxSeed.CHARGED).size() > 300);
    }

    private static SandboxProfile first(SandboxData data) {
        return data.profiles().iterator().next();
    }
}
