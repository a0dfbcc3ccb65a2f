package dev.ctgraphql;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import dev.ctgraphql.graphql.GlobalIds;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/**
 * End to end on the sandbox through HTTP (also against the packaged jar as {@code SandboxCatalogIT}): the account
 * catalogue, content blocks, campaign reports by id, the caller's roles, global ids and Relay edges.
 */
@QuarkusTest
class SandboxCatalogTest {

    @Test
    void eventCatalogListsTheSeededEventsWithTheirPropertiesAndIsCached() {
        int before = SandboxGraphQLTest.totalRequests();
        JsonPath answer = GraphQLClient.run("eventCatalog");
        GraphQLClient.run("eventCatalog");

        assertThat(answer.getList("errors"), nullValue());
        assertThat(answer.getList("data.eventCatalog.name"), hasItems("App Launched", "Charged", "Product Viewed"));
        assertThat(answer.getList("data.eventCatalog.find { it.name == 'Charged' }.properties.name"),
                hasItems("Amount", "Currency", "Payment mode", "Items"));
        assertThat(
                answer.getString(
                        "data.eventCatalog.find { it.name == 'Charged' }.properties.find { it.name == 'Amount' }.type"),
                equalTo("number"));
        assertThat(SandboxGraphQLTest.totalRequests() - before, lessThanOrEqualTo(1));
    }

    @Test
    void profilePropertyCatalogHasSystemAndCustomProperties() {
        JsonPath answer = GraphQLClient.run("profilePropertyCatalog");

        assertThat(answer.getList("data.profilePropertyCatalog.name"), hasItems("Name", "Email", "Customer Type"));
        assertThat(answer.getString("data.profilePropertyCatalog.find { it.name == 'DOB' }.type"), equalTo("date"));
    }

    @Test
    void subscriptionGroupsAreListed() {
        JsonPath answer = GraphQLClient.run("subscriptionGroups");

        assertThat(answer.getList("errors"), nullValue());
        assertThat(answer.getList("data.subscriptionGroups.name"), hasItems("Newsletters", "Offers"));
        assertThat(answer.getList("data.subscriptionGroups.id"), everyItem(notNullValue()));
    }

    @Test
    void contentBlocksPageThroughEveryBlockOnce() {
        List<String> ids = new ArrayList<>();
        String after = null;
        Integer total = null;
        for (int page = 0; page < 20; page++) {
            JsonPath answer = after == null
                    ? GraphQLClient.run("contentBlocks", "first", 20)
                    : GraphQLClient.run("contentBlocks", "after", after);
            assertThat(answer.getList("errors"), nullValue());
            ids.addAll(answer.getList("data.contentBlocks.edges.node.id"));
            total = answer.getInt("data.contentBlocks.totalCount");
            after = answer.getString("data.contentBlocks.pageInfo.endCursor");
            if (!answer.getBoolean("data.contentBlocks.pageInfo.hasNextPage")) {
                break;
            }
        }
        assertThat(total, greaterThan(20));
        assertThat(ids, hasSize(total));
        assertThat(ids.stream().distinct().count(), equalTo((long) total));
        assertThat(after, nullValue());
    }

    @Test
    void campaignReportOfACompletedCampaignIsReadyAndOfAnUnknownOneAnError() {
        JsonPath campaigns = GraphQLClient.run("campaigns", "range", Map.of("from",
                SandboxGraphQLTest.TODAY.minusDays(90).toString(), "to", SandboxGraphQLTest.TODAY.toString()));
        String completed = campaigns.getString("data.campaigns.find { it.status == 'COMPLETED' }.id");
        Object sent = campaigns.get("data.campaigns.find { it.status == 'COMPLETED' }.report.sent");

        JsonPath answer = GraphQLClient.run("campaignReport", "id", completed);

        assertThat(answer.getBoolean("data.campaignReport.ready"), equalTo(true));
        assertThat(answer.get("data.campaignReport.sent"), equalTo(sent));
        JsonPath unknown = GraphQLClient.run("campaignReport", "id", "42");
        assertThat(unknown.getString("data.campaignReport"), nullValue());
        assertThat(unknown.getList("errors"), hasSize(1));
    }

    @Test
    void viewerTellsWhoIsCallingAndWithWhichRoles() {
        JsonPath answer = GraphQLClient.run("viewer");

        boolean withKey = ItApiKeys.sentKey() != null;
        assertThat(answer.getBoolean("data.viewer.anonymous"), equalTo(!withKey));
        assertThat(answer.getString("data.viewer.name"), withKey ? equalTo("it-admin") : nullValue());
        assertThat(answer.getList("data.viewer.roles"), contains("admin", "editor", "viewer"));
    }

    @Test
    void profilesAndCampaignsAreFetchedAgainByTheirGlobalIds() {
        Map<String, Object> query = SandboxGraphQLTest.query("Charged", SandboxGraphQLTest.TODAY.minusDays(30),
                SandboxGraphQLTest.TODAY);
        JsonPath page = GraphQLClient.run("profileEdges", "query", query, "first", 5);
        assertThat(page.getList("errors"), nullValue());
        List<String> nodeIds = page.getList("data.profiles.nodes.id");
        assertThat(page.getList("data.profiles.edges.node.id"), equalTo(nodeIds));
        assertThat(page.getList("data.profiles.edges.cursor"),
                everyItem(equalTo(page.getString("data.profiles.pageInfo.endCursor"))));

        JsonPath profile = GraphQLClient.run("node", "id", nodeIds.get(0));
        assertThat(profile.getString("data.node.__typename"), equalTo("Profile"));
        assertThat(profile.getString("data.node.id"), equalTo(nodeIds.get(0)));
        assertThat(profile.getString("data.node.objectId"), equalTo(page.getString("data.profiles.edges[0].node.objectId")));

        JsonPath campaigns = GraphQLClient.run("campaignNames", "range", Map.of("from",
                SandboxGraphQLTest.TODAY.minusDays(30).toString(), "to", SandboxGraphQLTest.TODAY.toString()));
        String campaignId = campaigns.getString("data.campaigns[0].id");
        JsonPath campaign = GraphQLClient.run("node", "id", campaignId);
        assertThat(campaign.getString("data.node.__typename"), equalTo("Campaign"));
        assertThat(campaign.getString("data.node.name"), equalTo(campaigns.getString("data.campaigns[0].name")));

        JsonPath missing = GraphQLClient.run("node", "id", GlobalIds.encode("Profile", "i:nobody-here"));
        assertThat(missing.getList("errors"), nullValue());
        assertThat(missing.getString("data.node"), nullValue());
        JsonPath malformed = GraphQLClient.run("node", "id", "%%%");
        assertThat(malformed.getString("errors[0].extensions.code"), equalTo("BAD_USER_INPUT"));
    }

    @Test
    void eventPagesHaveEdgesBesideNodes() {
        JsonPath page = GraphQLClient.run("eventEdges", "query", SandboxGraphQLTest.query("App Launched",
                SandboxGraphQLTest.TODAY.minusDays(7), SandboxGraphQLTest.TODAY), "first", 50);

        assertThat(page.getList("errors"), nullValue());
        assertThat(page.getList("data.events.edges.node.name"), equalTo(page.getList("data.events.nodes.name")));
        assertThat(page.getList("data.events.edges"), hasSize(greaterThan(0)));
        assertThat(page.getList("data.events.edges.node.name"), everyItem(equalTo("App Launched")));
        assertThat(page.getList("data.events.edges.cursor"), hasItem(page.getString("data.events.pageInfo.endCursor")));
    }
}
