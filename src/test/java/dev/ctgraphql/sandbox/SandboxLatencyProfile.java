package dev.ctgraphql.sandbox;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The sandbox with 200 ms of latency on every answer, so that concurrent requests overlap. */
public class SandboxLatencyProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("clevertap.sandbox.latency", "200ms");
    }
}
