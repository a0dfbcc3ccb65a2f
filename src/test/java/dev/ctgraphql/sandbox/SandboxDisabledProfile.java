package dev.ctgraphql.sandbox;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The service pointed at a (never called) real account, with the sandbox off. */
public class SandboxDisabledProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("clevertap.sandbox.enabled", "false", "clevertap.account-id", SandboxApi.ACCOUNT,
                "clevertap.passcode", SandboxApi.PASSCODE);
    }
}
