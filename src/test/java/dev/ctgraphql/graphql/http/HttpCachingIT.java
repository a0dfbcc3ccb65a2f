package dev.ctgraphql.graphql.http;

import org.junit.jupiter.api.extension.ExtendWith;

import io.quarkus.test.junit.QuarkusIntegrationTest;

import dev.ctgraphql.ItApiKeys;

/** {@link HttpCachingTest} against the packaged application, as a caller with an API key (answers are private). */
@QuarkusIntegrationTest
@ExtendWith(ItApiKeys.class)
class HttpCachingIT extends HttpCachingTest {
}
