package dev.ctgraphql;

import org.junit.jupiter.api.extension.ExtendWith;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * The end-to-end mutation tests against the packaged application (the jar, or the native binary when built),
 * as a caller with an API key.
 */
@QuarkusIntegrationTest
@ExtendWith(ItApiKeys.class)
class SandboxMutationIT extends SandboxMutationTest {
}
