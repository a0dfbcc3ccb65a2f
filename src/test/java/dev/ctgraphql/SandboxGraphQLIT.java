package dev.ctgraphql;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The end-to-end sandbox tests against the packaged application (the jar, or the native binary when built). */
@QuarkusIntegrationTest
class SandboxGraphQLIT extends SandboxGraphQLTest {
}
