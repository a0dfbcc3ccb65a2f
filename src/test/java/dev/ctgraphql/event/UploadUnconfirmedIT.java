package dev.ctgraphql.event;

import org.junit.jupiter.api.extension.ExtendWith;

import io.quarkus.test.junit.QuarkusIntegrationTest;

import dev.ctgraphql.ItApiKeys;

/** Stored-then-failed uploads against the packaged application, as a caller with an API key. */
@QuarkusIntegrationTest
@ExtendWith(ItApiKeys.class)
class UploadUnconfirmedIT extends UploadUnconfirmedTest {
}
