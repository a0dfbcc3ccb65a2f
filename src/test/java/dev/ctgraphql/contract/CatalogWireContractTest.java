package dev.ctgraphql.contract;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.client.WireMock;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

import dev.ctgraphql.GraphQLClient;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

/**
 * The account catalogue on the wire: {@code GET /getSchema}, {@code GET /category-groups} and
 * {@code GET /v1/contentBlock/list} (none under {@code /1}), and {@code campaignReport} straight from
 * {@code /1/targets/result.json}.
 */
@QuarkusTest
@TestProfile(WireMockProfile.class)
class CatalogWireContractTest extends WireContractTestBase {

    @Test
    void eventCatalogIsOneCachedGetOfTheEventSchemaReadInEitherPropertyForm() {
        stub(WireMock.get(WireMock.urlPathEqualTo("/getSchema")).withQueryParam("type", WireMock.equalTo("events"))
                .willReturn(json(200,
                        """
                                {"status":"success","events":[
                                  {"name":"Charged","properties":[{"name":"Amount","type":"number"},{"name":"Currency","dataType":"string"}]},
                                  {"name":"App Launched","properties":{"Install":"boolean"}},
                                  {"name":"Product Viewed"}]}""")));

        JsonPath answer = GraphQLClient.run("eventCatalog");
        GraphQLClient.run("eventCatalog");

        assertThat(answer.getList("errors"), nullValue());
        assertThat(answer.getList("data.eventCatalog.name"), contains("Charged", "App Launched", "Product Viewed"));
        assertThat(answer.getList("data.eventCatalog[0].properties.name"), contains("Amount", "Currency"));
        assertThat(answer.getList("data.eventCatalog[0].properties.type"), contains("number", "string"));
        assertThat(answer.getString("data.eventCatalog[1].properties[0].type"), equalTo("boolean"));
        assertThat(answer.getList("data.eventCatalog[2].properties"), hasSize(0));
        wire().verify(1, authenticated(WireMock.getRequestedFor(WireMock.urlEqualTo("/getSchema?type=events")))
                .withoutHeader("Content-Type"));
    }

    @Test
    void profilePropertyCatalogAsksForUserProperties() {
        stub(WireMock.get(WireMock.urlPathEqualTo("/getSchema")).withQueryParam("type", WireMock.equalTo("userProperties"))
                .willReturn(json(200, """
                        {"status":"success","userProperties":[{"name":"Customer Type","type":"string"},"Email"]}""")));

        JsonPath answer = GraphQLClient.run("profilePropertyCatalog");

        assertThat(answer.getList("data.profilePropertyCatalog.name"), contains("Customer Type", "Email"));
        assertThat(answer.getList("data.profilePropertyCatalog.type"), contains("string", null));
        wire().verify(1, authenticated(WireMock.getRequestedFor(WireMock.urlEqualTo("/getSchema?type=userProperties"))));
    }

    @Test
    void subscriptionGroupsComeFromCategoryGroupsAndAFailureIsAnUpstreamError() {
        stub(WireMock.get("/category-groups").willReturn(json(200, """
                {"status":"success","list":[{"id":7,"name":"Newsletters","description":"Weekly"},{"name":"Offers"}]}""")));

        JsonPath answer = GraphQLClient.run("subscriptionGroups");

        assertThat(answer.getList("data.subscriptionGroups.id"), contains("7", null));
        assertThat(answer.getList("data.subscriptionGroups.name"), contains("Newsletters", "Offers"));
        assertThat(answer.getString("data.subscriptionGroups[0].raw.description"), equalTo("Weekly"));
        wire().verify(1, authenticated(WireMock.getRequestedFor(WireMock.urlEqualTo("/category-groups"))));

        cache.clear();
        stub(WireMock.get("/category-groups").willReturn(json(401,
                "{\"status\":\"fail\",\"error\":\"Invalid Passcode\",\"code\":401}")));
        JsonPath refused = GraphQLClient.run("subscriptionGroups");
        assertThat(refused.getString("errors[0].extensions.code"), equalTo("UPSTREAM_AUTH_FAILED"));
    }

    @Test
    void contentBlocksArePagedByPageNumberWithTheTimeWindowInMilliseconds() {
        stub(WireMock.get(WireMock.urlPathEqualTo("/v1/contentBlock/list")).withQueryParam("pageNumber", WireMock.equalTo("1"))
                .willReturn(json(200, """
                        {"contentBlocks":[
                          {"id":11,"name":"Footer","type":"html","content":"<p>f</p>","updatedAt":"2026-11-01T10:00:00.000Z"},
                          {"id":12,"name":"Header","type":"text","content":"h","updatedAt":1762000000000}],"total":3}""")));
        stub(WireMock.get(WireMock.urlPathEqualTo("/v1/contentBlock/list")).withQueryParam("pageNumber", WireMock.equalTo("2"))
                .willReturn(json(200, """
                        {"contentBlocks":[{"id":13,"name":"Legal","type":"text","content":"l"}],"total":3}""")));
        Map<String, Object> window = Map.of("first", 2, "updatedFrom", "2026-10-01T00:00:00Z",
                "updatedTo", "2026-11-30T12:00:00+01:00");

        JsonPath first = GraphQLClient.run("contentBlocks", "first", 2, "updatedFrom", "2026-10-01T00:00:00Z",
                "updatedTo", "2026-11-30T12:00:00+01:00");

        assertThat(first.getList("errors"), nullValue());
        assertThat(first.getList("data.contentBlocks.nodes.id"), contains("11", "12"));
        assertThat(first.getList("data.contentBlocks.edges.node.id"), contains("11", "12"));
        assertThat(first.getInt("data.contentBlocks.totalCount"), equalTo(3));
        assertThat(first.getBoolean("data.contentBlocks.pageInfo.hasNextPage"), equalTo(true));
        String after = first.getString("data.contentBlocks.pageInfo.endCursor");
        assertThat(first.getList("data.contentBlocks.edges.cursor"), everyItem(equalTo(after)));
        assertThat(first.getString("data.contentBlocks.nodes[1].updatedAt"), equalTo("2025-11-01T17:56:40+05:30"));
        wire().verify(1, authenticated(WireMock.getRequestedFor(WireMock.urlPathEqualTo("/v1/contentBlock/list")))
                .withQueryParam("pageNumber", WireMock.equalTo("1")).withQueryParam("pageSize", WireMock.equalTo("2"))
                .withQueryParam("updatedFrom", WireMock.equalTo("2026-10-01T00:00:00.000Z"))
                .withQueryParam("updatedTo", WireMock.equalTo("2026-11-30T11:00:00.000Z")));

        JsonPath second = GraphQLClient.run("contentBlocks", "after", after, "updatedFrom", window.get("updatedFrom"),
                "updatedTo", window.get("updatedTo"));

        assertThat(second.getList("data.contentBlocks.nodes.id"), contains("13"));
        assertThat(second.getBoolean("data.contentBlocks.pageInfo.hasNextPage"), equalTo(false));
        assertThat(second.getString("data.contentBlocks.pageInfo.endCursor"), nullValue());
        wire().verify(1, WireMock.getRequestedFor(WireMock.urlPathEqualTo("/v1/contentBlock/list"))
                .withQueryParam("pageNumber", WireMock.equalTo("2")).withQueryParam("pageSize", WireMock.equalTo("2")));
    }

    @Test
    void contentBlocksRefuseABadPageSizeOrCursorBeforeAnyCall() {
        JsonPath tooBig = GraphQLClient.run("contentBlocks", "first", 101);
        JsonPath badCursor = GraphQLClient.run("contentBlocks", "after", "not-a-cursor");

        assertThat(tooBig.getString("errors[0].extensions.code"), equalTo("BAD_USER_INPUT"));
        assertThat(tooBig.getString("errors[0].message"), containsString("first"));
        assertThat(badCursor.getString("errors[0].extensions.code"), equalTo("BAD_USER_INPUT"));
        assertThat(wire().getAllServeEvents(), hasSize(0));
    }

    @Test
    void campaignReportReadsTheResultWithoutSearchingCampaignLists() {
        stub(WireMock.post("/1/targets/result.json").willReturn(json(200,
                "{\"status\":\"success\",\"result\":{\"sent\":82,\"clicked\":9}}")));

        JsonPath answer = GraphQLClient.run("campaignReport", "id", "1457432766");

        assertThat(answer.getBoolean("data.campaignReport.ready"), equalTo(true));
        assertThat(answer.getLong("data.campaignReport.sent"), equalTo(82L));
        assertThat(answer.getString("data.campaignReport.viewed"), nullValue());
        wire().verify(1, authenticated(WireMock.postRequestedFor(WireMock.urlEqualTo("/1/targets/result.json")))
                .withRequestBody(WireMock.equalToJson("{\"id\":1457432766}")));
        assertThat(wire().getAllServeEvents(), hasSize(1));

        JsonPath bad = GraphQLClient.run("campaignReport", "id", "abc");
        assertThat(bad.getString("errors[0].extensions.code"), equalTo("BAD_USER_INPUT"));
        assertThat(List.of(wire().getAllServeEvents().size()), contains(1));
    }
}
