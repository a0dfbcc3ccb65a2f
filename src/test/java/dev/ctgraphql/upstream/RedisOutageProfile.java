package dev.ctgraphql.upstream;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The shared cache tier on a redis-server that keeps its data on disk, so that a test can stop it and start it again
 * with the entries it held; short timeouts, so that the outage is noticed and the return seen within a second.
 */
public class RedisOutageProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(RedisServerResource.class, Map.of("persistent", "true")));
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("clevertap.shared-cache.timeout", "300ms",
                "clevertap.shared-cache.retry-after", "300ms",
                "clevertap.shared-cache.outage-ttl", "1s");
    }
}
