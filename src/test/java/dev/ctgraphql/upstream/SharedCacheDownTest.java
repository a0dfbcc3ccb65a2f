package dev.ctgraphql.upstream;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

import dev.ctgraphql.GraphQLClient;
import dev.ctgraphql.sandbox.SandboxStats;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/** A shared cache tier whose Redis does not answer never fails a query or a write: everything goes to CleverTap. */
@QuarkusTest
@TestProfile(SharedCacheDownProfile.class)
class SharedCacheDownTest {

    static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    @Inject
    ResponseCache cache;

    @Inject
    SandboxStats sandbox;

    @BeforeEach
    void emptyCaches() {
        cache.clear().await().atMost(Duration.ofSeconds(5));
        sandbox.reset();
    }

    @Test
    void queriesAnswerFromCleverTapWhenRedisIsDown() {
        Map<String, Object> query = Map.of("eventName", "Charged", "range",
                Map.of("from", TODAY.minusDays(20).toString(), "to", TODAY.minusDays(10).toString()));

        long started = System.nanoTime();
        JsonPath first = GraphQLClient.run("eventCount", "query", query);
        assertThat(first.getList("errors"), nullValue());
        assertThat(first.getString("data.eventCount.status"), equalTo("COMPLETE"));
        assertThat(first.getLong("data.eventCount.value"), greaterThan(0L));
        assertThat(GraphQLClient.run("eventCount", "query", query).getLong("data.eventCount.value"),
                equalTo(first.getLong("data.eventCount.value")));
        assertThat("the local tier still serves", sandbox.snapshot().requests("POST /1/counts/events.json"), equalTo(1L));

        cache.clearLocal();
        JsonPath again = GraphQLClient.run("eventCount", "query", query);
        assertThat(again.getList("errors"), nullValue());
        assertThat(again.getLong("data.eventCount.value"), equalTo(first.getLong("data.eventCount.value")));
        assertThat("nothing shared: CleverTap asked again", sandbox.snapshot().requests("POST /1/counts/events.json"),
                equalTo(2L));
        assertThat(Duration.ofNanos(System.nanoTime() - started), lessThan(Duration.ofSeconds(10)));

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics, containsString("clevertap_cache_shared_gets_total{cache=\"counts\",result=\"error\"}"));
        assertThat(metrics, containsString("clevertap_cache_shared_failures_total{operation="));
        assertThat(metrics, not(containsString("not-a-real-password")));
    }

    @Test
    void writesSucceedAndLaterReadsShowThemWhenRedisIsDown() {
        String identity = "down-" + UUID.randomUUID();
        assertThat(GraphQLClient.run("profile", "identity", identity).getString("data.profile"), nullValue());

        JsonPath upload = GraphQLClient.run("uploadProfiles", "profiles",
                List.of(Map.of("identity", identity, "name", "Dana Down")));
        assertThat(upload.getList("errors"), nullValue());
        assertThat(upload.getInt("data.uploadProfiles.accepted"), equalTo(1));

        assertThat(GraphQLClient.run("profile", "identity", identity).getString("data.profile.name"), equalTo("Dana Down"));
    }

    @Test
    void readinessAndMetricsSayTheLimitsAreKeptWithinALocalShareWhileRedisIsDown() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'clevertap' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'clevertap' }.data.limiter", equalTo("fallback"))
                .body("checks.find { it.name == 'clevertap' }.data.limiterShareOther", equalTo(1))
                .body("checks.find { it.name == 'clevertap' }.data.limiterShareUpload", equalTo(3));

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics, containsString("clevertap_limiter_fallback 1.0"));
        assertThat(metrics, containsString("clevertap_limiter_fallback_share{class=\"other\"} 1.0"));
    }
}
