package dev.ctgraphql.upstream;

import java.util.List;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The service with the shared cache tier on a real redis-server that the tests start. */
public class SharedCacheProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(RedisServerResource.class));
    }
}
