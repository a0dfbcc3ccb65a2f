package dev.ctgraphql;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * The end-to-end mutation tests against the packaged application (the jar, or the native binary when built),
 * as a caller with an API key.
 */
@QuarkusIntegrationTest
class SandboxMutationIT extends SandboxMutationTest {

    @BeforeAll
    static void authenticate() {
        ItApiKeys.sendAdminKey();
    }

    @AfterAll
    static void forget() {
        ItApiKeys.sendNoKey();
    }
}
