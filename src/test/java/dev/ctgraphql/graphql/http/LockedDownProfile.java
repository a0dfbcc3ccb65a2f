package dev.ctgraphql.graphql.http;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** A public deployment: only allowlisted operations, no introspection, one allowed browser origin. */
public class LockedDownProfile implements QuarkusTestProfile {

    static final String ORIGIN = "https://app.example.com";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "clevertap-graphql.endpoint.persisted-queries.allowlist", "persisted/allowlist.json",
                "clevertap-graphql.endpoint.introspection", "false",
                "quarkus.http.cors.origins", ORIGIN);
    }
}
