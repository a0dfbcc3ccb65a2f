package dev.ctgraphql.profile;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import dev.ctgraphql.GraphQLClient;
import dev.ctgraphql.sandbox.SandboxStore;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** End to end on the sandbox: a profile named by FBID or GPID is created once and found again by the same id. */
@QuarkusTest
class UploadIdentifiersTest {

    @Inject
    SandboxStore store;

    @Test
    void profilesAndEventsByFbidOrGpidLandOnOneProfileEach() {
        String fbid = "fb-" + UUID.randomUUID();
        String gpid = "gp-" + UUID.randomUUID();
        int before = store.profileCount();

        JsonPath profiles = GraphQLClient.run("uploadProfiles", "profiles", List.of(Map.of("fbid", fbid, "name", "Fay"),
                Map.of("gpid", gpid, "name", "Grace")));
        JsonPath events = GraphQLClient.run("uploadEvents", "events", List.of(Map.of("fbid", fbid, "name", "App Launched"),
                Map.of("gpid", gpid, "name", "App Launched")));

        assertThat(profiles.getInt("data.uploadProfiles.accepted"), equalTo(2));
        assertThat(events.getInt("data.uploadEvents.accepted"), equalTo(2));
        assertThat(store.profileCount(), equalTo(before + 2));
    }
}
