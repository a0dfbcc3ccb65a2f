package dev.ctgraphql.graphql.http;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import io.quarkus.test.junit.QuarkusIntegrationTest;

import dev.ctgraphql.ItApiKeys;

/** {@link GraphQLOverHttpTest} against the packaged application, as a caller with an API key. */
@QuarkusIntegrationTest
class GraphQLOverHttpIT extends GraphQLOverHttpTest {

    @BeforeAll
    static void authenticate() {
        ItApiKeys.sendAdminKey();
    }

    @AfterAll
    static void forget() {
        ItApiKeys.sendNoKey();
    }
}
