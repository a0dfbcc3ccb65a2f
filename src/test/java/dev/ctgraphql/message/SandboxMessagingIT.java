package dev.ctgraphql.message;

import org.junit.jupiter.api.extension.ExtendWith;

import io.quarkus.test.junit.QuarkusIntegrationTest;

import dev.ctgraphql.ItApiKeys;

/** The messaging and profile-management tests against the packaged application, as a caller with an API key. */
@QuarkusIntegrationTest
@ExtendWith(ItApiKeys.class)
class SandboxMessagingIT extends SandboxMessagingTest {
}
