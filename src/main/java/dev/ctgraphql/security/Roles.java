package dev.ctgraphql.security;

import java.util.Set;

/** The service's roles. Flat, not hierarchical: a caller has exactly the roles its key or token lists. */
public final class Roles {

    /** Queries and subscriptions. */
    public static final String VIEWER = "viewer";
    /** Uploads of events, profiles and device tokens. */
    public static final String EDITOR = "editor";
    /** Deletes, campaigns and the raw CleverTap proxy. */
    public static final String ADMIN = "admin";

    static final Set<String> ALL = Set.of(VIEWER, EDITOR, ADMIN);

    private Roles() {
    }
}
