package dev.ctgraphql.security;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.ext.web.RoutingContext;

/**
 * Who may reach {@code /graphql} at all: callers with valid credentials (invalid ones were already refused with 401 by
 * the authentication mechanisms), and anonymous callers only when anonymous roles are configured. What each caller may
 * then do is decided per field by {@link RoleGuard}. The GraphQL endpoint asks this directly rather than through a
 * Quarkus path permission, whose reactive policy chain cost more than everything else on a cached query's path.
 */
@ApplicationScoped
public class GraphQLAccess {

    private static final String CHALLENGE = ApiKeyAuthenticationMechanism.SCHEME + " realm=\"clevertap-graphql\"";

    private final AnonymousRoles anonymous;

    GraphQLAccess(AnonymousRoles anonymous) {
        this.anonymous = anonymous;
    }

    /** Whether the caller of this request may use the endpoint; answers 401 with a challenge when not. */
    public boolean admit(RoutingContext ctx) {
        boolean authenticated = ctx.user() instanceof QuarkusHttpUser user && !user.getSecurityIdentity().isAnonymous();
        if (authenticated || anonymous.allowed()) {
            return true;
        }
        ctx.response().setStatusCode(401)
                .putHeader("WWW-Authenticate", CHALLENGE)
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .end("{\"errors\":[{\"message\":\"Credentials are required: an API key (X-API-Key) or a bearer token\","
                        + "\"extensions\":{\"code\":\"UNAUTHENTICATED\"}}]}");
        return false;
    }
}
