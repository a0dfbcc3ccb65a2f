package dev.ctgraphql.observability;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import dev.ctgraphql.GraphQLClient;
import dev.ctgraphql.LogCapture;
import dev.ctgraphql.upstream.CleverTapCredentials;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

/** What an operator sees: health, Prometheus metrics, traces across GraphQL and CleverTap calls, request ids in logs. */
@QuarkusTest
class ObservabilityTest {

    static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    @Inject
    CleverTapCredentials credentials;
    @Inject
    InMemorySpanExporter spans;

    @Test
    void livenessAndReadinessAreUpWithoutAskingCleverTap() {
        given().delete("/sandbox/_stats");
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.find { it.name == 'clevertap' }.data.upstream", equalTo("sandbox"));
        assertThat(given().get("/sandbox/_stats").then().extract().jsonPath().getMap("requests").size(), equalTo(0));
    }

    @Test
    void metricsCountGraphQLOperationsUpstreamCallsAndCacheLookupsWithoutSecrets() {
        Map<String, Object> query = Map.of("eventName", "App Launched", "range",
                Map.of("from", "2024-01-01", "to", "2024-01-02"));
        GraphQLClient.run("eventCount", "query", query);
        GraphQLClient.run("eventCount", "query", query);

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();

        assertThat(metrics, containsString(
                "clevertap_upstream_calls_total{endpoint=\"POST /1/counts/events.json\",outcome=\"success\"}"));
        assertThat(metrics, containsString("clevertap_cache_gets_total{cache=\"counts\",result=\"hit\"}"));
        assertThat(metrics, containsString("clevertap_cache_gets_total{cache=\"counts\",result=\"miss\"}"));
        assertThat(metrics, containsString("clevertap_limiter_queued{class=\"other\"}"));
        assertThat(metrics, containsString("mp_graphql_seconds_count{name=\"eventCount\""));
        // the circuit breaker is a Fault Tolerance guard: its state is published as before, without Fault Tolerance's meters
        assertThat(metrics, containsString("\nclevertap_circuit_state 0"));
        assertThat(metrics, not(containsString("\nft_")));
        assertThat(metrics, not(containsString(credentials.passcode())));
        assertThat(metrics, not(containsString(credentials.accountId())));
    }

    @Test
    void aGraphQLRequestAndTheCleverTapCallsItMadeShareOneTrace() {
        spans.reset();
        GraphQLClient.run("profileCount", "query", Map.of("eventName", "Product Viewed",
                "range", Map.of("from", TODAY.minusDays(9).toString(), "to", TODAY.minusDays(8).toString())));

        // spans are exported in batches, a moment after the request ends, and earlier tests' spans (their mutations
        // too) may still arrive: look for a query's execution span whose trace holds a /graphql server span and a
        // CleverTap call
        List<SpanData> finished = spans.getFinishedSpanItems();
        SpanData execution = null;
        for (int i = 0; i < 200 && execution == null; i++) {
            List<SpanData> now = spans.getFinishedSpanItems();
            finished = now;
            execution = now.stream().filter(s -> s.getName().startsWith("GraphQL"))
                    .filter(s -> "QUERY".equals(s.getAttributes().get(AttributeKey.stringKey("graphql.operationType"))))
                    .filter(s -> now.stream().anyMatch(c -> c.getKind() == SpanKind.CLIENT
                            && c.getTraceId().equals(s.getTraceId())))
                    .filter(s -> now.stream().anyMatch(c -> c.getKind() == SpanKind.SERVER
                            && c.getName().contains("/graphql") && c.getTraceId().equals(s.getTraceId())))
                    .findFirst().orElse(null);
            if (execution == null) {
                sleep(50);
            }
        }
        // named like SmallRye's: "GraphQL", or "GraphQL:<operationName>" when the request names its operation
        assertThat("a query's GraphQL execution span sharing its trace with the /graphql server span and a CleverTap call,"
                + " in " + names(finished), execution, notNullValue());
        for (SpanData span : finished) {
            assertThat(span.getAttributes().toString(), not(containsString(credentials.passcode())));
        }
    }

    @Test
    void everyResponseCarriesARequestIdThatTheLogLinesOfTheRequestCarryToo() {
        List<ExtLogRecord> records;
        try (LogCapture logs = LogCapture.start()) {
            String generated = given().get("/q/health/live").then().extract().header("X-Request-Id");
            assertThat(generated, notNullValue());

            // a count nobody started: the sandbox refuses it and the service logs the refusal
            given().header("X-Request-Id", "req-observability-1").contentType(ContentType.JSON)
                    .body(Map.of("query", GraphQLClient.document("countResult"), "variables",
                            Map.of("requestId", "events-424242")))
                    .post("/graphql").then().statusCode(200).header("X-Request-Id", "req-observability-1");
            records = logs.records();
        }
        List<ExtLogRecord> ours = records.stream().filter(r -> r.getLoggerName().startsWith("dev.ctgraphql")).toList();
        assertThat(ours.stream().map(r -> r.getMdc("requestId")).toList(), hasItem("req-observability-1"));
        for (ExtLogRecord record : records) {
            assertThat(record.getFormattedMessage(),
                    not(containsString(credentials.passcode())));
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String names(List<SpanData> spans) {
        return spans.stream().map(s -> s.getKind() + " " + s.getName()).collect(Collectors.joining(", "));
    }
}
