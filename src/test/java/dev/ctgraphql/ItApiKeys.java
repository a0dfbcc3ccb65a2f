package dev.ctgraphql;

import java.util.List;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import io.restassured.RestAssured;

/**
 * The API keys the integration tests hold. The packaged app gets only their SHA-256 (the pom's {@code it.api-keys},
 * passed in {@code quarkus.test.arg-line}) and refuses anonymous callers, as in production. A test class annotated
 * {@code @ExtendWith(ItApiKeys.class)} sends the admin key with every RestAssured request.
 */
public final class ItApiKeys implements BeforeAllCallback, AfterAllCallback {

    /** Roles viewer, editor and admin. */
    public static final String ADMIN = "it-admin-key-7c1f0e5a2b9d4c36";
    /** Role viewer only. */
    public static final String VIEWER = "it-viewer-key-3e8a6d1f0c2b5947";

    private static volatile String sent;

    /** Every following request sends the admin key (a filter: a request specification would also fix the port). */
    @Override
    public void beforeAll(ExtensionContext context) {
        sent = ADMIN;
        RestAssured.replaceFiltersWith((request, response, next) -> {
            request.header("X-API-Key", ADMIN);
            return next.next(request, response);
        });
    }

    /** Requests send no key again. */
    @Override
    public void afterAll(ExtensionContext context) {
        sent = null;
        RestAssured.replaceFiltersWith(List.of());
    }

    /** The key RestAssured requests send now, for requests made without RestAssured; null when none. */
    public static String sentKey() {
        return sent;
    }
}
