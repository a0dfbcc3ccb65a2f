package dev.ctgraphql.contract;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.client.WireMock;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

import dev.ctgraphql.GraphQLClient;
import dev.ctgraphql.upstream.UpstreamCircuit;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/** With CleverTap failing: cached answers still served for a while, uncached ones fail fast once the circuit opened. */
@QuarkusTest
@TestProfile(ResilienceProfile.class)
class StaleIfErrorAndCircuitTest extends WireContractTestBase {

    private static final String NOW = "/1/now.json";
    private static final String UNAVAILABLE = "{\"status\":\"fail\",\"error\":\"Service unavailable\"}";

    @Inject
    UpstreamCircuit circuit;

    @BeforeEach
    void closeTheCircuit() {
        circuit.reset();
    }

    @Test
    void aCachedAnswerIsServedWhenCleverTapFailsAfterItsTtl() throws Exception {
        stub(WireMock.post(NOW).willReturn(json(200, "{\"status\":\"success\",\"count\":17}")));
        assertThat(GraphQLClient.run("realtime").getLong("data.realtimeUserCount.total"), equalTo(17L));
        stub(WireMock.post(NOW).willReturn(json(503, UNAVAILABLE)));
        Thread.sleep(350);

        JsonPath answer = GraphQLClient.run("realtime");

        assertThat(answer.getString("errors"), nullValue());
        assertThat(answer.getLong("data.realtimeUserCount.total"), equalTo(17L));
        // the caller is told the answer is old, and why
        assertThat(answer.getString("extensions.warnings[0].code"), equalTo("STALE_DATA"));
        assertThat(answer.getString("extensions.warnings[0].cache"), equalTo("realtime"));
        assertThat(answer.getString("extensions.warnings[0].message"), containsString("UPSTREAM_UNAVAILABLE"));
        // CleverTap was asked first: three failed attempts, after which the circuit refused the last retry
        wire().verify(4, WireMock.postRequestedFor(WireMock.urlEqualTo(NOW)));
    }

    @Test
    void pastTheMaximumStalenessTheFailureIsReported() throws Exception {
        stub(WireMock.post(NOW).willReturn(json(200, "{\"status\":\"success\",\"count\":17}")));
        GraphQLClient.run("realtime");
        stub(WireMock.post(NOW).willReturn(json(503, UNAVAILABLE)));
        // fresh 300 ms, answerable on errors 2 s more
        Thread.sleep(2400);

        JsonPath answer = GraphQLClient.run("realtime");

        assertThat(answer.getString("errors[0].extensions.code"), equalTo("UPSTREAM_UNAVAILABLE"));
        assertThat(answer.getString("data"), nullValue());
    }

    @Test
    void refusedCredentialsAreNeverAnsweredFromTheCache() throws Exception {
        stub(WireMock.post(NOW).willReturn(json(200, "{\"status\":\"success\",\"count\":17}")));
        GraphQLClient.run("realtime");
        stub(WireMock.post(NOW).willReturn(json(401, "{\"status\":\"fail\",\"error\":\"Invalid credentials\",\"code\":401}")));
        Thread.sleep(350);

        assertThat(GraphQLClient.run("realtime").getString("errors[0].extensions.code"), equalTo("UPSTREAM_AUTH_FAILED"));
    }

    @Test
    void afterConsecutiveFailuresCallsFailFastWithoutReachingCleverTap() {
        stub(WireMock.post(NOW).willReturn(json(503, UNAVAILABLE)));

        JsonPath first = GraphQLClient.run("realtime");
        JsonPath second = GraphQLClient.run("eventCount", "query", Map.of("eventName", "Charged", "range",
                Map.of("from", "2024-05-01", "to", "2024-05-02")));

        assertThat(first.getString("errors[0].extensions.code"), equalTo("UPSTREAM_UNAVAILABLE"));
        assertThat(second.getString("errors[0].extensions.code"), equalTo("UPSTREAM_UNAVAILABLE"));
        assertThat(second.getString("errors[0].message"), containsString("not sent"));
        assertThat(circuit.state(), equalTo(UpstreamCircuit.State.OPEN));
        // three attempts opened it; the fourth (a retry) and the count were never sent
        wire().verify(3, WireMock.postRequestedFor(WireMock.urlEqualTo(NOW)));
        wire().verify(0, WireMock.postRequestedFor(WireMock.urlEqualTo("/1/counts/events.json")));
    }

    @Test
    void onlyFailuresInARowOpenIt() throws Exception {
        // a 500 is not retried: one attempt per query
        stub(WireMock.post(NOW).willReturn(json(500, UNAVAILABLE)));
        GraphQLClient.run("realtime");
        GraphQLClient.run("realtime");
        stub(WireMock.post(NOW).willReturn(json(200, "{\"status\":\"success\",\"count\":5}")));
        GraphQLClient.run("realtime");
        stub(WireMock.post(NOW).willReturn(json(500, UNAVAILABLE)));
        Thread.sleep(350);
        GraphQLClient.run("realtime");
        GraphQLClient.run("realtime");

        // four failures, but never three in a row
        assertThat(circuit.state(), equalTo(UpstreamCircuit.State.CLOSED));
        GraphQLClient.run("realtime");
        assertThat(circuit.state(), equalTo(UpstreamCircuit.State.OPEN));
        wire().verify(6, WireMock.postRequestedFor(WireMock.urlEqualTo(NOW)));
    }

    @Test
    void anUploadWhileTheCircuitIsOpenReportsEveryRecordAsNotSent() {
        stub(WireMock.post(NOW).willReturn(json(503, UNAVAILABLE)));
        GraphQLClient.run("realtime");
        assertThat(circuit.state(), equalTo(UpstreamCircuit.State.OPEN));

        JsonPath answer = GraphQLClient.run("uploadEvents", "events", List.of(
                Map.of("identity", "u1", "name", "App Launched"), Map.of("identity", "u2", "name", "App Launched")));

        assertThat(answer.getInt("data.uploadEvents.accepted"), equalTo(0));
        assertThat(answer.getList("data.uploadEvents.rejected.index"), contains(0, 1));
        assertThat(answer.getString("data.uploadEvents.rejected[0].message"), containsString("was not sent"));
        wire().verify(0, WireMock.postRequestedFor(WireMock.urlPathEqualTo("/1/upload")));
    }

    @Test
    void theCircuitClosesByItselfWhenCleverTapIsBack() throws Exception {
        stub(WireMock.post(NOW).willReturn(json(503, UNAVAILABLE)));
        GraphQLClient.run("realtime");
        assertThat(circuit.state(), equalTo(UpstreamCircuit.State.OPEN));
        stub(WireMock.post(NOW).willReturn(json(200, "{\"status\":\"success\",\"count\":21}")));

        Thread.sleep(2100);
        JsonPath answer = GraphQLClient.run("realtime");

        assertThat(answer.getLong("data.realtimeUserCount.total"), equalTo(21L));
        assertThat(circuit.state(), equalTo(UpstreamCircuit.State.CLOSED));
        wire().verify(4, WireMock.postRequestedFor(WireMock.urlEqualTo(NOW)));
    }

    @Test
    void aFailedProbeOpensItAgain() throws Exception {
        stub(WireMock.post(NOW).willReturn(json(503, UNAVAILABLE)));
        GraphQLClient.run("realtime");
        Thread.sleep(2100);

        JsonPath answer = GraphQLClient.run("realtime");

        assertThat(answer.getString("errors[0].extensions.code"), equalTo("UPSTREAM_UNAVAILABLE"));
        assertThat(circuit.state(), equalTo(UpstreamCircuit.State.OPEN));
        wire().verify(4, WireMock.postRequestedFor(WireMock.urlEqualTo(NOW)));
    }

    @Test
    void rateLimitsAndRefusalsDoNotOpenIt() {
        stub(WireMock.post(NOW)
                .willReturn(json(429, "{\"status\":\"fail\",\"error\":\"Too many concurrent requests\",\"code\":429}")));
        for (int i = 0; i < 3; i++) {
            assertThat(GraphQLClient.run("realtime").getString("errors[0].extensions.code"), equalTo("UPSTREAM_RATE_LIMITED"));
        }
        stub(WireMock.post(NOW).willReturn(json(401, "{\"status\":\"fail\",\"error\":\"Invalid credentials\",\"code\":401}")));
        for (int i = 0; i < 4; i++) {
            assertThat(GraphQLClient.run("realtime").getString("errors[0].extensions.code"),
                    not(equalTo("UPSTREAM_UNAVAILABLE")));
        }

        assertThat(circuit.state(), equalTo(UpstreamCircuit.State.CLOSED));
        wire().verify(16, WireMock.postRequestedFor(WireMock.urlEqualTo(NOW)));
    }
}
