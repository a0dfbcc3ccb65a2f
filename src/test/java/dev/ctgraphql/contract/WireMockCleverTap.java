package dev.ctgraphql.contract;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts a WireMock server on a loopback port and points the service at it instead of the sandbox, with test
 * credentials, so tests can check the exact requests sent to CleverTap and feed it CleverTap's answers.
 */
public class WireMockCleverTap implements QuarkusTestResourceLifecycleManager {

    static final String ACCOUNT_ID = "TEST-ACC-123";
    static final String PASSCODE = "test-passcode-SECRET-9f3";
    static final String TRIGGER_TOKEN = "test-trigger-token-SECRET-41c";

    private static WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort()
                .containerThreads(40).asynchronousResponseEnabled(true).asynchronousResponseThreads(40));
        server.start();
        return Map.of(
                "clevertap.sandbox.enabled", "false",
                "clevertap.base-url", "http://127.0.0.1:" + server.port(),
                "clevertap.account-id", ACCOUNT_ID,
                "clevertap.passcode", PASSCODE,
                "clevertap.external-trigger-token", TRIGGER_TOKEN,
                "clevertap.time-zone", "Asia/Kolkata");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }

    static WireMockServer server() {
        return server;
    }
}
