package dev.ctgraphql.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.Fault;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import dev.ctgraphql.GraphQLClient;
import dev.ctgraphql.LogCapture;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

/**
 * Whatever CleverTap does (5xx with a body, 401, a 4xx explaining itself, garbage, a dropped connection), the caller
 * gets a stable code and a message of ours, and neither the responses nor the log lines carry the passcode, the
 * account id, CleverTap's address, what CleverTap's body said, a stack trace or a Java class name.
 */
@QuarkusTest
@TestProfile(WireMockProfile.class)
class ErrorHygieneTest extends WireContractTestBase {

    private static final String MARKER = "UPSTREAM-BODY-MARKER-4242";

    @Test
    void upstreamFailuresLeakNothing() {
        List<String> answers = new ArrayList<>();
        List<ExtLogRecord> records;
        try (LogCapture logs = LogCapture.start()) {
            answers.add(countWhile(json(500, "{\"status\":\"fail\",\"error\":\"" + MARKER + " passcode "
                    + WireMockCleverTap.PASSCODE + "\"}")));
            answers.add(countWhile(json(401, "{\"status\":\"fail\",\"error\":\"" + MARKER + " bad account "
                    + WireMockCleverTap.ACCOUNT_ID + "\",\"code\":401}")));
            answers.add(countWhile(json(400, "{\"status\":\"fail\",\"error\":\"" + MARKER + " invalid\",\"code\":523}")));
            answers.add(countWhile(WireMock.aResponse().withStatus(200).withBody("<html>" + MARKER + "</html>")));
            answers.add(countWhile(WireMock.aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
            records = logs.records();
        }

        List<String> forbidden = List.of(WireMockCleverTap.PASSCODE, WireMockCleverTap.ACCOUNT_ID, MARKER,
                "127.0.0.1:" + wire().port(), "Exception", "dev.ctgraphql.", "java.", "\tat ");
        for (String answer : answers) {
            assertThat(answer, containsString("\"code\":\"UPSTREAM_"));
            for (String secret : forbidden) {
                assertThat(answer, not(containsString(secret)));
            }
        }
        assertThat(records, not(empty()));
        List<String> withStackTraces = new ArrayList<>();
        for (ExtLogRecord record : records) {
            String line = record.getFormattedMessage();
            for (String secret : forbidden) {
                assertThat(record.getLoggerName() + ": " + line, line, not(containsString(secret)));
            }
            if (record.getThrown() != null) {
                withStackTraces.add(record.getLoggerName() + ": " + line);
            }
        }
        assertThat(withStackTraces, hasSize(0));
    }

    /** Stubs every CleverTap count call with {@code answer} and returns what a GraphQL caller receives. */
    private String countWhile(com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder answer) {
        wire().resetAll();
        cache.clearLocal();
        stub(WireMock.post(WireMock.urlPathMatching("/1/counts/.*")).willReturn(answer));
        String body = GraphQLClient.post("eventCount", "query", Map.of("eventName", "Charged",
                "range", Map.of("from", "2026-01-01", "to", "2026-01-07"))).then().statusCode(200).extract().asString();
        assertThat(body, notNullValue());
        return body;
    }
}
