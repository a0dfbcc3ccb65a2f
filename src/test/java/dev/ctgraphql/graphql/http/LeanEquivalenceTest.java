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
import dev.ctgraphql.sandbox.SandboxFaults;
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

    @Inject
    SandboxFaults faults;

    /** The calls of the batched campaign report method made by the last {@link #sameText}'s lean request. */
    private long leanReportCalls;

    @BeforeEach
    void emptyCaches() {
        caches.clearLocal();
    }

    private long reportCalls() {
        Timer reports = registry.find(LeanFields.METRIC).tags("name", "report", "source", "true").timer();
        return reports == null ? 0 : reports.count();
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
        long reportsBefore = reportCalls();
        String leanBody = GraphQLClient.postText(document, variables).then().statusCode(200).extract().asString();
        leanReportCalls = reportCalls() - reportsBefore;
        JsonPath onLean = JsonPath.from(leanBody);
        assertThat("ran on the lean executor", lean.executed() - before, is(1L));
        int open = document.indexOf('{');
        String withTypename = document.substring(0, open + 1) + " __typename" + document.substring(open + 1);
        String smallRyeBody = GraphQLClient.postText(withTypename, variables).then().statusCode(200).extract()
                .asString();
        JsonPath onSmallRye = JsonPath.from(smallRyeBody);
        assertThat("ran on SmallRye's executor", lean.executed() - before, is(1L));
        if (onLean.get("errors") == null) {
            // the same bytes: field order, number and time formats included
            assertThat(leanBody, equalTo(smallRyeBody.replaceFirst("\\{\"data\":\\{\"__typename\":\"Query\",?",
                    "{\"data\":{")));
        }

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
    /** A campaign list document with aliases, fragments, directives and type names at every level. */
    private static final String LISTS = """
            query Lists($range: DateRange!, $withReport: Boolean!, $noNames: Boolean!) {
              campaigns(range: $range) {
                __typename
                key: id
                ...Names @skip(if: $noNames)
                ... on Campaign { status channel }
                when: scheduledAt
                report @include(if: $withReport) { __typename ready sent }
                again: report @include(if: $withReport) { ready clicked raw }
                report @skip(if: $withReport) { viewed }
                id
              }
            }
            fragment Names on Campaign { name id }
            """;

    @Test
    void campaignListsWithAliasesFragmentsDirectivesAndNullsAreCompletedByTheLeanWalk() {
        long walked = lean.completion().walked();
        long handedBack = lean.completion().handedBack();
        Map<String, Object> range = range(90, -30);

        JsonPath all = sameText(LISTS, "range", range, "withReport", true, "noNames", false);
        List<Map<String, Object>> campaigns = all.getList("data.campaigns");
        assertThat(campaigns.size(), greaterThan(10));
        assertThat(new ArrayList<>(campaigns.get(0).keySet()), equalTo(List.of("__typename", "key", "name", "id",
                "status", "channel", "when", "report", "again")));
        assertThat(all.getList("data.campaigns.report.__typename"), everyItem(equalTo("CampaignReport")));
        assertThat("unfinished campaigns have no counts yet", all.getList("data.campaigns.report.sent"),
                hasItem(nullValue()));
        assertThat(all.getList("data.campaigns.again.ready"), equalTo(all.getList("data.campaigns.report.ready")));
        // SmallRye's executor calls the batched method once per campaign and occurrence here (58 calls)
        assertThat("both report occurrences of every campaign in one call", leanReportCalls, is(1L));

        JsonPath fewer = sameText(LISTS, "range", range, "withReport", false, "noNames", true);
        assertThat(new ArrayList<>(fewer.getMap("data.campaigns[0]").keySet()), equalTo(List.of("__typename", "key",
                "status", "channel", "when", "report", "id")));
        assertThat(fewer.getMap("data.campaigns[0].report").keySet(), equalTo(Set.of("viewed")));

        assertThat("both answers were completed by the walk", lean.completion().walked() - walked, is(2L));
        assertThat(lean.completion().handedBack(), is(handedBack));
    }

    @Test
    void aFieldTheWalkDoesNotGiveIsLeftToGraphqlJavaWhole() {
        long handedBack = lean.completion().handedBack();
        // activity is a batched field with arguments of its own: graphql-java's data loader path
        JsonPath activity = same("profileActivity", "identity", "user-0002", "days", 30, "limit", 5);
        assertThat(activity.getList("data.profile.activity"), notNullValue());
        assertThat(lean.completion().handedBack() - handedBack, is(1L));
    }

    @Test
    void aFailedBatchedCallGivesSmallRyesErrorsWithoutCallingTwice() {
        Map<String, Object> range = range(90, -30);
        GraphQLClient.postText("query($range: DateRange!) { campaigns(range: $range) { id } }", "range", range).then()
                .statusCode(200);
        long handedBack = lean.completion().handedBack();
        faults.failNext(1_000_000, 503);
        try {
            JsonPath failed = sameText("query($range: DateRange!) { campaigns(range: $range) { id name report { ready "
                    + "sent } } }", "range", range);
            assertThat(failed.getList("data.campaigns"), not(empty()));
            assertThat(failed.getList("data.campaigns.report"), everyItem(nullValue()));
            assertThat(failed.getList("errors.path"), hasItem(List.of("campaigns", 0, "report")));
            assertThat("the walk's batched call was not made again by graphql-java", leanReportCalls, is(1L));
        } finally {
            faults.reset();
        }
        assertThat(lean.completion().handedBack() - handedBack, is(1L));
    }
}
