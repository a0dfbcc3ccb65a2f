package dev.ctgraphql.graphql.http;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import dev.ctgraphql.GraphQLClient;
import dev.ctgraphql.upstream.ResponseCache;

import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLSchema;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/**
 * Every Query field runs on {@link LeanExecution} (fetchers derived from SmallRye's model), and answers exactly what
 * SmallRye's executor answers: each document is sent as it is (lean) and with a root {@code __typename} added (which
 * keeps it on SmallRye's executor), and the data and errors must be equal.
 */
@QuarkusTest
class LeanEquivalenceTest {

    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    @Inject
    LeanExecution lean;

    @Inject
    ResponseCache caches;

    @Inject
    GraphQLSchema schema;

    @Inject
    MeterRegistry registry;

    @BeforeEach
    void emptyCaches() {
        caches.clearLocal();
    }

    private static Map<String, Object> range(int fromDaysAgo, int toDaysAgo) {
        return Map.of("from", TODAY.minusDays(fromDaysAgo).toString(), "to", TODAY.minusDays(toDaysAgo).toString());
    }

    private static Map<String, Object> query(String event, int fromDaysAgo, int toDaysAgo) {
        return Map.of("eventName", event, "range", range(fromDaysAgo, toDaysAgo));
    }

    /** The document on the lean executor, then on SmallRye's; both answers must be equal. Returns the lean one. */
    private JsonPath same(String name, Object... variables) {
        return sameText(GraphQLClient.document(name), variables);
    }

    private JsonPath sameText(String document, Object... variables) {
        long before = lean.executed();
        JsonPath onLean = GraphQLClient.postText(document, variables).then().statusCode(200).extract().jsonPath();
        assertThat("ran on the lean executor", lean.executed() - before, is(1L));
        int open = document.indexOf('{');
        String withTypename = document.substring(0, open + 1) + " __typename" + document.substring(open + 1);
        JsonPath onSmallRye = GraphQLClient.postText(withTypename, variables).then().statusCode(200).extract()
                .jsonPath();
        assertThat("ran on SmallRye's executor", lean.executed() - before, is(1L));

        Map<String, Object> smallRyeData = onSmallRye.getMap("data");
        if (smallRyeData != null) {
            smallRyeData = new HashMap<>(smallRyeData);
            assertThat(smallRyeData.remove("__typename"), equalTo("Query"));
        }
        assertThat(onLean.getMap("data"), equalTo(smallRyeData));
        assertThat(withoutLocations(onLean.getList("errors")), equalTo(withoutLocations(onSmallRye.getList("errors"))));
        return onLean;
    }

    /** Errors without their locations: the added {@code __typename} moves the columns of the first line. */
    private static List<Map<String, Object>> withoutLocations(List<Map<String, Object>> errors) {
        if (errors == null) {
            return null;
        }
        List<Map<String, Object>> stripped = new ArrayList<>();
        for (Map<String, Object> error : errors) {
            Map<String, Object> copy = new HashMap<>(error);
            copy.remove("locations");
            stripped.add(copy);
        }
        return stripped;
    }

    @Test
    void everyQueryFieldIsLeanOrDeliberatelyLeftOnSmallRye() {
        Set<String> unexplained = new TreeSet<>();
        for (GraphQLFieldDefinition field : schema.getQueryType().getFieldDefinitions()) {
            if (!lean.fields().contains(field.getName()) && !LeanExecution.EXCLUDED.containsKey(field.getName())) {
                unexplained.add(field.getName() + " (" + lean.refused().get(field.getName()) + ")");
            }
        }
        assertThat(unexplained, empty());
        assertThat(lean.refused().keySet(), equalTo(LeanExecution.EXCLUDED.keySet()));
    }

    @Test
    void campaignsWithTheirBatchedReportsAndOneCampaignByItsIds() {
        Timer reports = registry.find(LeanFields.METRIC).tags("name", "report", "source", "true").timer();
        long reportsBefore = reports == null ? 0 : reports.count();

        JsonPath campaigns = same("campaigns", "range", range(90, -30));

        List<Map<String, Object>> list = campaigns.getList("data.campaigns");
        assertThat(list.size(), greaterThan(10));
        assertThat(campaigns.getList("data.campaigns.report.ready"), hasItem(true));
        String id = campaigns.getString("data.campaigns[0].id");
        assertThat(same("campaign", "id", id).getString("data.campaign.name"),
                equalTo(campaigns.getString("data.campaigns[0].name")));
        assertThat(same("campaignReport", "id", id).getMap("data.campaignReport"), notNullValue());
        assertThat(same("node", "id", id).getString("data.node.__typename"), equalTo("Campaign"));
        Timer after = registry.find(LeanFields.METRIC).tags("name", "report", "source", "true").timer();
        assertThat("the batched field is timed like SmallRye's @Source operations", after.count(),
                greaterThan(reportsBefore));
    }

    @Test
    void profileLookupsWithNestedListsAndTheBatchedActivity() {
        JsonPath profile = same("profile", "identity", "user-0001");
        assertThat(profile.getString("data.profile.identity"), equalTo("user-0001"));
        assertThat(profile.getList("data.profile.eventSummary"), not(empty()));
        same("profile", "email", "nobody@example.invalid");
        JsonPath activity = same("profileActivity", "identity", "user-0002", "days", 30, "limit", 5);
        assertThat(activity.getList("data.profile.activity"), notNullValue());
        JsonPath profiles = same("profiles", "query", query("Charged", 7, 0), "first", 7);
        assertThat(profiles.getList("data.profiles.nodes"), not(empty()));
        JsonPath events = same("events", "query", query("App Launched", 3, 1), "first", 5);
        assertThat(events.getList("data.events.nodes.profile"), everyItem(notNullValue()));
    }

    @Test
    void reportsCatalogAndWebhooks() {
        JsonPath reports = same("messageReports", "range", range(30, 0), "daily", true);
        assertThat(reports.getList("data.messageReports"), not(empty()));
        JsonPath performance = same("channelPerformance", "range", range(14, 0));
        assertThat(performance.getList("data.channelPerformance.channels"), not(empty()));
        same("channelPerformance", "range", range(14, 0), "compare", false, "filter",
                Map.of("channels", List.of("PUSH", "EMAIL")));
        assertThat(same("eventCatalog").getList("data.eventCatalog"), not(empty()));
        same("profilePropertyCatalog");
        same("subscriptionGroups");
        JsonPath blocks = same("contentBlocks", "first", 3);
        assertThat(blocks.getList("data.contentBlocks.nodes"), not(empty()));
        same("contentBlocks", "first", 2, "updatedFrom", "2024-01-01T00:00:00Z");
        // two lean root fields in one document
        same("webhookDeliveries", "last", 5);
    }

    @Test
    void aDocumentMixingSeveralLeanFields() {
        JsonPath mixed = sameText("query Mixed($query: EventQuery!, $range: DateRange!) {\n"
                + "  eventCount(query: $query) { status value }\n"
                + "  campaigns(range: $range) { id name report { sent } }\n"
                + "  subscriptionGroups { id name }\n"
                + "}", "query", query("Charged", 9, 2), "range", range(60, 0));
        assertThat(mixed.getString("data.eventCount.status"), equalTo("COMPLETE"));
        assertThat(mixed.getList("data.campaigns"), not(empty()));
    }

    @Test
    void badArgumentsGetTheSameErrors() {
        JsonPath badDate = same("campaigns", "range", Map.of("from", "2026-02-30", "to", "2026-03-01"));
        assertThat(badDate.getString("errors[0].message"), containsString("2026-02-30"));
        JsonPath backwards = same("messageReports", "range", range(0, 5));
        assertThat(backwards.getString("errors[0].extensions.code"), equalTo("BAD_USER_INPUT"));
        JsonPath badId = same("campaign", "id", "not-a-number");
        assertThat(badId.getString("errors[0].extensions.code"), equalTo("BAD_USER_INPUT"));
        JsonPath noKey = same("profile");
        assertThat(noKey.getString("errors[0].message"), containsString("give one of them"));
        same("contentBlocks", "first", 0);
        same("contentBlocks", "first", 2, "updatedFrom", "yesterday");
        same("webhookDeliveries", "last", 0);
        same("profileActivity", "identity", "user-0003", "days", 500, "limit", 5);
        JsonPath badNode = same("node", "id", "bm90LWEtZ2xvYmFsLWlk");
        assertThat(badNode.getString("data.node"), nullValue());
    }
}
