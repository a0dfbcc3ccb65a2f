package dev.ctgraphql.upstream;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import dev.ctgraphql.GraphQLClient;
import dev.ctgraphql.ItApiKeys;
import dev.ctgraphql.PackagedApp;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.anEmptyMap;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/**
 * Two replicas on one Redis, as two processes of the packaged application: the one the test framework starts, and a
 * second one started here (with its own embedded sandbox, whose statistics show what it asked CleverTap).
 */
@QuarkusIntegrationTest
@TestProfile(SharedCacheProfile.class)
@ExtendWith(ItApiKeys.class)
class SharedCacheIT {

    static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    @RedisServerResource.Url
    String redisUrl;

    static PackagedApp second;
    static int secondPort;

    @BeforeEach
    void secondReplicaWithNothingAsked() throws Exception {
        if (second == null) {
            secondPort = RedisServerResource.freePort();
            second = PackagedApp.start("shared-cache-second-replica", secondPort, Map.of(
                    "clevertap.sandbox.enabled", "true",
                    "clevertap.shared-cache.redis-url", redisUrl,
                    // the same API keys as the first replica (the pom's it.api-keys)
                    "clevertap-graphql.auth.api-keys", System.getProperty("it.api-keys")), List.of()).awaitReady();
        }
        given().port(secondPort).delete("/sandbox/_stats").then().statusCode(200);
    }

    @AfterAll
    static void stopSecondReplica() throws InterruptedException {
        if (second != null) {
            second.stop();
            second = null;
        }
    }

    @Test
    void theSecondReplicaServesWhatTheFirstFetchedWithoutCallingCleverTap() {
        Map<String, Object> query = Map.of("eventName", "Charged", "range",
                Map.of("from", TODAY.minusDays(20).toString(), "to", TODAY.minusDays(10).toString()));

        String fromFirst = GraphQLClient.post("eventCount", "query", query).then().statusCode(200).extract().asString();
        String fromSecond = graphql(secondPort, "eventCount", Map.of("query", query));

        assertThat(JsonPath.from(fromFirst).get("data.eventCount.value"), not(nullValue()));
        assertThat(fromSecond, equalTo(fromFirst));
        assertThat("the second replica asked CleverTap nothing", requests(secondPort), anEmptyMap());
    }

    @Test
    void aWriteOnOneReplicaDropsTheOtherReplicasLocalCopy() throws InterruptedException {
        String identity = "it-" + UUID.randomUUID();
        graphql(secondPort, "profile", Map.of("identity", identity));
        graphql(secondPort, "profile", Map.of("identity", identity));
        assertThat("cached on the second replica", requests(secondPort).get("GET /1/profile.json"), equalTo(1));

        GraphQLClient.run("uploadProfiles", "profiles", List.of(Map.of("identity", identity, "name", "Two Replicas")));

        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        int asked = 1;
        while (asked < 2 && System.nanoTime() < deadline) {
            graphql(secondPort, "profile", Map.of("identity", identity));
            asked = (Integer) requests(secondPort).getOrDefault("GET /1/profile.json", 0);
            Thread.sleep(50);
        }
        assertThat("the second replica read the profile again after the first one changed it", asked, equalTo(2));
    }

    private static String graphql(int port, String document, Map<String, Object> variables) {
        return given().port(port).contentType(ContentType.JSON).accept(ContentType.JSON)
                .body(Map.of("query", GraphQLClient.document(document), "variables", variables))
                .post("/graphql").then().statusCode(200).extract().asString();
    }

    private static Map<String, Object> requests(int port) {
        return given().port(port).get("/sandbox/_stats").then().statusCode(200).extract().jsonPath().getMap("requests");
    }
}
