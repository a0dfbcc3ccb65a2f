package dev.ctgraphql.performance;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import dev.ctgraphql.GraphQLClient;
import dev.ctgraphql.upstream.ResponseCache;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.nullValue;

/** channelPerformance end to end on the sandbox's message reports. */
@QuarkusTest
class ChannelPerformanceTest {

    @Inject
    ResponseCache cache;

    /**
     * Other tests of this app change the sandbox's messages (sends, campaigns): every test reads the sandbox as it is
     * now, not a report cached before such a change, so that the two fields it compares saw the same messages.
     */
    @BeforeEach
    void readTheSandboxAsItIsNow() {
        cache.clearLocal();
    }

    static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    static final Map<String, Object> LAST_30 = Map.of("from", TODAY.minusDays(29).toString(), "to", TODAY.toString());

    static int messageReportCalls() {
        Map<String, Integer> requests = given().get("/sandbox/_stats").then().extract().jsonPath().getMap("requests");
        return requests.getOrDefault("POST /sandbox/1/message/report.json", 0);
    }

    static long sum(List<Number> values) {
        return values.stream().mapToLong(Number::longValue).sum();
    }

    @Test
    void totalsDailySeriesRatesAndThePreviousPeriod() {
        // a running campaign's deliveries grow with the clock (SandboxCampaign.delivered), so the reports may move
        // between two reads a second boundary apart: read both, fresh, until a pair agrees; a real disagreement never does
        JsonPath answer = null;
        long reportsSent = -1;
        for (int attempt = 0; attempt < 5; attempt++) {
            cache.clearLocal();
            answer = GraphQLClient.run("channelPerformance", "range", LAST_30);
            reportsSent = sum(GraphQLClient.run("messageReports", "range", LAST_30).getList("data.messageReports.sent"));
            if (answer.getList("errors") != null
                    || reportsSent == answer.getLong("data.channelPerformance.overall.totals.sent")) {
                break;
            }
        }

        assertThat(answer.getList("errors"), nullValue());
        assertThat(answer.getString("data.channelPerformance.previousTo"), equalTo(TODAY.minusDays(30).toString()));
        assertThat(answer.getString("data.channelPerformance.previousFrom"), equalTo(TODAY.minusDays(59).toString()));
        long sent = answer.getLong("data.channelPerformance.overall.totals.sent");
        long clicked = answer.getLong("data.channelPerformance.overall.totals.clicked");
        assertThat(sent, greaterThan(0L));
        assertThat(answer.getDouble("data.channelPerformance.overall.totals.clickRate"),
                closeTo((double) clicked / sent, 1e-6));
        // the overall line is the sum of the channels, and each channel's daily series sums to its total
        assertThat(sum(answer.getList("data.channelPerformance.channels.totals.sent")), equalTo(sent));
        assertThat(answer.getList("data.channelPerformance.overall.daily"), hasSize(30));
        assertThat(sum(answer.getList("data.channelPerformance.overall.daily.totals.sent")), equalTo(sent));
        List<Map<String, Object>> channels = answer.getList("data.channelPerformance.channels");
        assertThat(channels.size(), greaterThan(2));
        for (int i = 0; i < channels.size(); i++) {
            String path = "data.channelPerformance.channels[" + i + "]";
            assertThat(sum(answer.getList(path + ".daily.totals.sent")), equalTo(answer.getLong(path + ".totals.sent")));
        }
        // and the totals agree with the message reports of the same range
        assertThat(reportsSent, equalTo(sent));
        long previous = answer.getLong("data.channelPerformance.overall.previous.sent");
        assertThat(answer.getDouble("data.channelPerformance.overall.change.sent"),
                closeTo((double) (sent - previous) / previous, 1e-6));
    }

    @Test
    void filtersNarrowTheMessages() {
        JsonPath all = GraphQLClient.run("channelPerformance", "range", LAST_30, "compare", false);
        JsonPath email = GraphQLClient.run("channelPerformance", "range", LAST_30, "compare", false,
                "filter", Map.of("channels", List.of("EMAIL"), "deliveryTypes", List.of("ONE_TIME", "RECURRING")));

        assertThat(email.getList("errors"), nullValue());
        assertThat(email.getList("data.channelPerformance.channels.channel"), contains("EMAIL"));
        assertThat(email.getLong("data.channelPerformance.overall.totals.sent"),
                lessThan(all.getLong("data.channelPerformance.overall.totals.sent")));
        assertThat(all.getString("data.channelPerformance.overall.previous"), nullValue());
        assertThat(all.getString("data.channelPerformance.previousFrom"), nullValue());

        int allMessages = all.getInt("data.channelPerformance.overall.messages");
        JsonPath labelled = GraphQLClient.run("channelPerformance", "range", LAST_30, "compare", false,
                "filter", Map.of("labels", List.of("no-such-label")));
        assertThat(labelled.getInt("data.channelPerformance.overall.messages"), equalTo(0));
        assertThat(labelled.getList("data.channelPerformance.overall.daily.totals.sent"), everyItem(equalTo(0)));
        assertThat(allMessages, greaterThan(0));
    }

    @Test
    void channelWithoutReportsIsBadInputBeforeAnyUpstreamCall() {
        int before = messageReportCalls();
        JsonPath answer = GraphQLClient.run("channelPerformance", "range", LAST_30,
                "filter", Map.of("channels", List.of("NOTIFICATION_INBOX")));

        assertThat(answer.getString("errors[0].extensions.code"), equalTo("BAD_USER_INPUT"));
        assertThat(messageReportCalls(), equalTo(before));
        JsonPath empty = GraphQLClient.run("channelPerformance", "range", LAST_30, "filter", Map.of("channels", List.of()));
        assertThat(empty.getString("errors[0].extensions.code"), equalTo("BAD_USER_INPUT"));
    }
}
