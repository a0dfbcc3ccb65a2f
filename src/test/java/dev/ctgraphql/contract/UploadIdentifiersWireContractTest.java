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
import static org.hamcrest.Matchers.equalTo;

/** Uploads name a user by FBID or GPID as CleverTap's upload records do (reference §1.8, §2.1). */
@QuarkusTest
@TestProfile(WireMockProfile.class)
class UploadIdentifiersWireContractTest extends WireContractTestBase {

    @Test
    void eventsAndProfilesMayNameTheUserByFbidOrGpidButByOneIdentifierOnly() {
        stub(WireMock.post(WireMock.urlPathEqualTo("/1/upload")).willReturn(json(200,
                "{\"status\":\"success\",\"processed\":2,\"unprocessed\":[]}")));

        JsonPath events = GraphQLClient.run("uploadEvents", "events", List.of(
                Map.of("fbid", "34322423", "name", "Product Viewed", "occurredAt", "2024-03-01T10:00:00Z"),
                Map.of("gpid", "g-77", "name", "Product Viewed", "occurredAt", "2024-03-01T10:00:00Z"),
                Map.of("identity", "u-1", "fbid", "1", "name", "Product Viewed")));
        JsonPath profiles = GraphQLClient.run("uploadProfiles", "profiles", List.of(
                Map.of("gpid", "g-78", "name", "Grace"), Map.of("fbid", "35", "name", "Fay")));

        assertThat(events.getList("data.uploadEvents.rejected.index"), contains(2));
        assertThat(events.getList("data.uploadEvents.rejected.code"), contains(512));
        assertThat(profiles.getString("data.uploadProfiles.status"), equalTo("SUCCESS"));
        wire().verify(authenticated(WireMock.postRequestedFor(WireMock.urlPathEqualTo("/1/upload")))
                .withRequestBody(WireMock.equalToJson("""
                        {"d":[{"type":"event","FBID":"34322423","ts":1709287200,"evtName":"Product Viewed","evtData":{}},
                              {"type":"event","GPID":"g-77","ts":1709287200,"evtName":"Product Viewed","evtData":{}}]}""")));
        wire().verify(WireMock.postRequestedFor(WireMock.urlPathEqualTo("/1/upload"))
                .withRequestBody(WireMock.equalToJson("""
                        {"d":[{"type":"profile","GPID":"g-78","profileData":{"Name":"Grace"}},
                              {"type":"profile","FBID":"35","profileData":{"Name":"Fay"}}]}""")));
    }
}
