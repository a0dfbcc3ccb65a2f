package dev.ctgraphql.dashboard;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The packaged jar runs its prod profile: this gives it what dev mode has out of the box for the dashboard, a webhook
 * secret and anonymous viewers on the sandbox, and the test profile's count deadline (3 s), which the test's PENDING
 * reach is timed against.
 */
public class PackagedDashboardProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("clevertap.sandbox.enabled", "true",
                "webhooks.secret", "test-webhook-secret",
                "clevertap-graphql.auth.anonymous-roles", "viewer",
                "clevertap.counts.deadline", "3s");
    }
}
