package dev.ctgraphql.upstream;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The service with the shared cache tier on a real redis-server that the tests start, one app for every test of the
 * tier. The server keeps its data on disk, so that a test can stop it and start it again with the entries it held; a
 * lost Redis is tried again after 300 ms and local copies are answered for a second while invalidations may be missed,
 * so that an outage and the return are seen quickly.
 */
public class SharedCacheProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(RedisServerResource.class, Map.of("persistent", "true")));
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("clevertap.shared-cache.retry-after", "300ms",
                "clevertap.shared-cache.outage-ttl", "1s");
    }
}
