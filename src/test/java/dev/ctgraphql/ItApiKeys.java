package dev.ctgraphql;

import java.util.List;

import io.restassured.RestAssured;

/**
 * The API keys the integration tests hold. The packaged app gets only their SHA-256 (the pom's {@code it.api-keys},
 * passed in {@code quarkus.test.arg-line}) and refuses anonymous callers, as in production.
 */
public final class ItApiKeys {

    /** Roles viewer, editor and admin. */
    public static final String ADMIN = "it-admin-key-7c1f0e5a2b9d4c36";
    /** Role viewer only. */
    public static final String VIEWER = "it-viewer-key-3e8a6d1f0c2b5947";

    private ItApiKeys() {
    }

    private static volatile String sent;

    /** Every following request sends the admin key (a filter: a request specification would also fix the port). */
    public static void sendAdminKey() {
        sent = ADMIN;
        RestAssured.replaceFiltersWith((request, response, next) -> {
            request.header("X-API-Key", ADMIN);
            return next.next(request, response);
        });
    }

    /** The key RestAssured requests send now, for requests made without RestAssured; null when none. */
    public static String sentKey() {
        return sent;
    }

    /** Requests send no key again. */
    public static void sendNoKey() {
        sent = null;
        RestAssured.replaceFiltersWith(List.of());
    }
}
