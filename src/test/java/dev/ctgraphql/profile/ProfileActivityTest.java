package dev.ctgraphql.profile;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import dev.ctgraphql.GraphQLClient;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.in;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.nullValue;

/** A profile's activity timeline (the dashboard's profile view) on the sandbox. */
@QuarkusTest
class ProfileActivityTest {

    @Test
    void timelineIsTheUsersOwnRecentEventsNewestFirst() {
        JsonPath answer = GraphQLClient.run("profileActivity", "identity", "user-0001", "days", 30, "limit", 40);

        assertThat(answer.getList("errors"), nullValue());
        List<Map<String, Object>> activity = answer.getList("data.profile.activity");
        assertThat(activity.size(), greaterThan(0));
        assertThat(activity.size(), lessThanOrEqualTo(40));
        List<String> names = answer.getList("data.profile.eventSummary.eventName");
        assertThat(answer.getList("data.profile.activity.eventName"), everyItem(in(names)));
        List<OffsetDateTime> times = answer.<String>getList("data.profile.activity.occurredAt").stream()
                .map(OffsetDateTime::parse).toList();
        assertThat(times, equalTo(times.stream().sorted(Comparator.reverseOrder()).toList()));
        assertThat(times.get(times.size() - 1).isAfter(OffsetDateTime.now(ZoneOffset.UTC).minusDays(31)), equalTo(true));
        // the newest entry is the user's last event according to CleverTap's own event summary
        OffsetDateTime lastSeen = answer.<String>getList("data.profile.eventSummary.lastSeen").stream()
                .map(OffsetDateTime::parse).max(Comparator.naturalOrder()).orElseThrow();
        assertThat(times.get(0).toInstant(), equalTo(lastSeen.toInstant()));
    }

    @Test
    void limitIsHonouredAndBoundsAreBadInput() {
        JsonPath three = GraphQLClient.run("profileActivity", "identity", "user-0001", "days", 30, "limit", 3);
        assertThat(three.getList("data.profile.activity"), hasSize(3));

        JsonPath tooFar = GraphQLClient.run("profileActivity", "identity", "user-0001", "days", 91, "limit", 3);
        assertThat(tooFar.getString("errors[0].extensions.code"), equalTo("BAD_USER_INPUT"));
    }
}
