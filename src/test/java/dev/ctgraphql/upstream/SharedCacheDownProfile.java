package dev.ctgraphql.upstream;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The service with a shared cache tier whose Redis is down: its address is a loopback port nothing listens on. */
public class SharedCacheDownProfile implements QuarkusTestProfile {

    static final int CLOSED_PORT = RedisServerResource.freePort();

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("clevertap.shared-cache.redis-url", "redis://:not-a-real-password@127.0.0.1:" + CLOSED_PORT,
                "clevertap.shared-cache.timeout", "300ms",
                "clevertap.shared-cache.retry-after", "200ms");
    }
}
