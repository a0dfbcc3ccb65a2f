package dev.ctgraphql;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The end-to-end mutation tests against the packaged application (the jar, or the native binary when built). */
@QuarkusIntegrationTest
class SandboxMutationIT extends SandboxMutationTest {
}
