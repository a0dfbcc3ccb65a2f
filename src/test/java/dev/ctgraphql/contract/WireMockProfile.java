package dev.ctgraphql.contract;

import java.util.List;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Runs the service against {@link WireMockCleverTap}; every test class with this profile shares one app. */
public class WireMockProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(WireMockCleverTap.class));
    }
}
