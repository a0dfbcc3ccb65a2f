package dev.ctgraphql.contract;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Runs the service against {@link WireMockCleverTap}; every test class with this profile shares one app. */
public class WireMockProfile implements QuarkusTestProfile {

    /** A small upload queue, so that UploadWireContractTest can fill it. */
    static final int UPLOAD_QUEUE = 20;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("clevertap.limits.upload-queue", String.valueOf(UPLOAD_QUEUE));
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(WireMockCleverTap.class));
    }
}
