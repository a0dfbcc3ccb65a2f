package dev.ctgraphql.security;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** One kind of operation of the access tests: the document, its variables, its root field and the role it needs. */
enum Operation {

    QUERY("profile", "profile", Roles.VIEWER) {
        @Override
        Object[] variables() {
            // a new identity each time, so the answer never comes from the cache and the upstream call is visible
            return new Object[]{"identity", "auth-" + UUID.randomUUID()};
        }
    },
    UPLOAD("uploadEvents", "uploadEvents", Roles.EDITOR) {
        @Override
        Object[] variables() {
            return new Object[]{"events", List.of(Map.of("identity", "auth-user-1", "name", "Auth Checked"))};
        }
    },
    DELETE("deleteProfiles", "deleteProfiles", Roles.ADMIN) {
        @Override
        Object[] variables() {
            return new Object[]{"identities", List.of("auth-nobody-" + UUID.randomUUID())};
        }
    },
    CAMPAIGN("createCampaign", "createCampaign", Roles.ADMIN) {
        @Override
        Object[] variables() {
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            return new Object[]{"estimateOnly", true, "input", Map.of("name", "Auth estimate", "channel", "PUSH",
                    "audience", Map.of("eventName", "App Launched",
                            "range", Map.of("from", today.minusDays(7).toString(), "to", today.toString())),
                    "content", Map.of("title", "Hi", "body", "Checked by the access tests"))};
        }
    },
    SUBSCRIPTIONS("updateSubscriptions", "updateSubscriptions", Roles.EDITOR) {
        @Override
        Object[] variables() {
            return new Object[]{"changes", List.of(Map.of("channel", "EMAIL", "value", "auth@example.com",
                    "action", "UNSUBSCRIBE"))};
        }
    },
    SEND("sendMessage", "sendMessage", Roles.ADMIN) {
        @Override
        Object[] variables() {
            return new Object[]{"input", Map.of("channel", "SMS", "to", Map.of("identities", List.of("user-0001")),
                    "content", Map.of("body", "Checked by the access tests"))};
        }
    },
    RAW_PROXY("rawRequest", "cleverTapRequest", Roles.ADMIN) {
        @Override
        Object[] variables() {
            return new Object[]{"method", "GET", "path", "/1/profile.json", "query", Map.of("identity", "user-0001")};
        }
    };

    final String document;
    final String field;
    final String role;

    Operation(String document, String field, String role) {
        this.document = document;
        this.field = field;
        this.role = role;
    }

    abstract Object[] variables();
}
