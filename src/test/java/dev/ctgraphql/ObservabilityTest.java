package dev.ctgraphql;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import dev.ctgraphql.upstream.CleverTapCredentials;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/** Health and the Prometheus metrics an operator reads: upstream calls per endpoint, cache hits and misses. */
@QuarkusTest
class ObservabilityTest {

    @Inject
    CleverTapCredentials credentials;

    @Test
    void healthIsUp() {
        given().get("/q/health").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void metricsCountUpstreamCallsPerEndpointAndCacheHitsAndMissesWithoutSecrets() {
        Map<String, Object> query = Map.of("eventName", "App Launched", "range",
                Map.of("from", "2024-01-01", "to", "2024-01-02"));
        GraphQLClient.run("eventCount", "query", query);
        GraphQLClient.run("eventCount", "query", query);

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();

        org.hamcrest.MatcherAssert.assertThat(metrics, containsString(
                "clevertap_upstream_calls_total{endpoint=\"POST /1/counts/events.json\",outcome=\"success\"}"));
        org.hamcrest.MatcherAssert.assertThat(metrics,
                containsString("clevertap_cache_gets_total{cache=\"counts\",result=\"hit\"}"));
        org.hamcrest.MatcherAssert.assertThat(metrics,
                containsString("clevertap_cache_gets_total{cache=\"counts\",result=\"miss\"}"));
        org.hamcrest.MatcherAssert.assertThat(metrics, containsString("clevertap_limiter_queued{class=\"other\"}"));
        org.hamcrest.MatcherAssert.assertThat(metrics, not(containsString(credentials.passcode())));
    }
}
