package dev.ctgraphql.security;

import java.util.Set;

/**
 * Which role each root field needs. Queries and subscriptions need viewer; the uploads and subscription changes (the
 * address-level twin of the opt-ins an editor already sets with uploadProfiles) editor; every other mutation admin:
 * deletes, demerges and disassociations (they change who a profile is), campaigns, sends and triggers (they reach
 * users), segments, custom lists and the raw proxy. A mutation added later is admin-only until it is listed here.
 */
final class FieldRoles {

    static final Set<String> EDITOR_MUTATIONS = Set.of("uploadEvents", "uploadProfiles", "uploadDeviceTokens",
            "updateSubscriptions");

    private FieldRoles() {
    }

    /** The role a root field of {@code type} (Query, Mutation or Subscription) needs. */
    static String required(String type, String field) {
        if (!"Mutation".equals(type)) {
            return Roles.VIEWER;
        }
        return EDITOR_MUTATIONS.contains(field) ? Roles.EDITOR : Roles.ADMIN;
    }
}
