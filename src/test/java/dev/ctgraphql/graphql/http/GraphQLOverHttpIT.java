package dev.ctgraphql.graphql.http;

import org.junit.jupiter.api.extension.ExtendWith;

import io.quarkus.test.junit.QuarkusIntegrationTest;

import dev.ctgraphql.ItApiKeys;

/** {@link GraphQLOverHttpTest} against the packaged application, as a caller with an API key. */
@QuarkusIntegrationTest
@ExtendWith(ItApiKeys.class)
class GraphQLOverHttpIT extends GraphQLOverHttpTest {
}
