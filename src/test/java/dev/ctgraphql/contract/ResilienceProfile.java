package dev.ctgraphql.contract;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * {@link WireMockProfile} with the circuit breaker on (3 failures open it for 2 s) and a real-time cache that is
 * fresh for 300 ms, never answered stale while refreshing and answered up to 2 s stale when CleverTap fails.
 */
public class ResilienceProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> overrides = new HashMap<>();
        for (String profile : List.of("", "%test.")) {
            overrides.put(profile + "clevertap.resilience.circuit.failure-threshold", "3");
            overrides.put(profile + "clevertap.resilience.circuit.open-for", "2s");
        }
        overrides.put("clevertap.cache.realtime.ttl", "300ms");
        overrides.put("clevertap.cache.realtime.stale-while-revalidate", "0s");
        overrides.put("clevertap.cache.realtime.stale-if-error", "2s");
        return overrides;
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(WireMockCleverTap.class));
    }
}
