package dev.ctgraphql.segment;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import dev.ctgraphql.GraphQLClient;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** API segments end to end on the sandbox: create, add and remove members, and what CleverTap records. */
@QuarkusTest
class SegmentTest {

    static int calls(String key) {
        Map<String, Integer> requests = given().get("/sandbox/_stats").then().extract().jsonPath().getMap("requests");
        return requests.getOrDefault(key, 0);
    }

    @Test
    void createAddAndRemoveMembers() {
        String id = "vip-" + System.nanoTime();
        String newcomer = "segment-newcomer-" + System.nanoTime();
        JsonPath created = GraphQLClient.run("createSegment", "name", "VIP", "customerSegmentId", id);
        assertThat(created.getList("errors"), nullValue());
        assertThat(created.getString("data.createSegment.customerSegmentId"), equalTo(id));
        assertThat(created.getString("data.createSegment.segmentId"), notNullValue());

        JsonPath added = GraphQLClient.run("updateSegmentMembers", "customerSegmentId", id, "add", List.of(newcomer));
        assertThat(added.getList("errors"), nullValue());
        assertThat(added.getBoolean("data.updateSegmentMembers.ok"), equalTo(true));
        // CleverTap creates the unknown user and records the membership change on it
        JsonPath profile = GraphQLClient.run("profile", "identity", newcomer);
        assertThat(profile.getList("data.profile.eventSummary.eventName"), hasItem("Segment Membership Change"));

        JsonPath removed = GraphQLClient.run("updateSegmentMembers", "customerSegmentId", id, "remove", List.of(newcomer));
        assertThat(removed.getBoolean("data.updateSegmentMembers.ok"), equalTo(true));
    }

    @Test
    void unknownSegmentIsRefusedByCleverTap() {
        JsonPath answer = GraphQLClient.run("updateSegmentMembers", "customerSegmentId", "no-such-segment", "add",
                List.of("user-0001"));
        // CleverTap refuses it (HTTP 400); the error never shows the upstream URL or body
        assertThat(answer.getString("errors[0].extensions.code"), equalTo("UPSTREAM_ERROR"));
        assertThat(answer.getString("errors[0].message").contains("/api/"), equalTo(false));
    }

    @Test
    void badInputIsRefusedBeforeAnyCall() {
        int before = calls("POST /sandbox/api/updateSegment");
        JsonPath none = GraphQLClient.run("updateSegmentMembers", "customerSegmentId", "vip");
        assertThat(none.getString("errors[0].extensions.code"), equalTo("BAD_USER_INPUT"));
        JsonPath both = GraphQLClient.run("updateSegmentMembers", "customerSegmentId", "vip", "add", List.of("a"), "remove",
                List.of("a"));
        assertThat(both.getString("errors[0].extensions.code"), equalTo("BAD_USER_INPUT"));
        JsonPath blank = GraphQLClient.run("createSegment", "name", " ", "customerSegmentId", "x");
        assertThat(blank.getString("errors[0].extensions.code"), equalTo("BAD_USER_INPUT"));
        assertThat(calls("POST /sandbox/api/updateSegment"), equalTo(before));
    }
}
