package dev.ctgraphql.security;

import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticator;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.mutiny.Uni;
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

    /** Why a caller who authenticates after the HTTP request (a WebSocket's connection_init) may not come in. */
    public enum Refusal {
        /** No credentials (and no anonymous roles), or credentials that are not valid: close code 4401. */
        UNAUTHENTICATED,
        /** Valid credentials that hold none of the service's roles: close code 4403. */
        FORBIDDEN
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

    /** Null when {@code identity} (null: none) may use {@code /graphql}, else why not; the same rule as {@link #admit}. */
    public Refusal refusal(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            return anonymous.allowed() ? null : Refusal.UNAUTHENTICATED;
        }
        return identity.getRoles().stream().anyMatch(Roles.ALL::contains) ? null : Refusal.FORBIDDEN;
    }

    /**
     * Authenticates the credentials a WebSocket client put in its connection_init payload ({@code Authorization:
     * Bearer|ApiKey ...} or {@code X-API-Key}, names in any case) with the same mechanisms as HTTP requests. Answers the
     * identity of the upgrade request when the payload holds none; fails when they are not valid.
     */
    public Uni<SecurityIdentity> authenticate(RoutingContext upgrade, Map<String, ?> payload) {
        String authorization = null;
        String apiKey = null;
        for (Map.Entry<String, ?> entry : payload.entrySet()) {
            String name = entry.getKey().toLowerCase(Locale.ROOT);
            if (entry.getValue() instanceof String value) {
                if (name.equals("authorization")) {
                    authorization = value;
                } else if (name.equals(ApiKeyAuthenticationMechanism.HEADER.toLowerCase(Locale.ROOT))) {
                    apiKey = value;
                }
            }
        }
        if (authorization == null && apiKey == null) {
            return QuarkusHttpUser.getSecurityIdentity(upgrade, null);
        }
        HttpAuthenticator authenticator = upgrade.get(HttpAuthenticator.class.getName());
        if (authenticator == null) {
            return Uni.createFrom().nullItem();
        }
        // the payload stands for the headers a browser cannot set on a WebSocket; the mechanisms read them from there
        upgrade.request().headers().remove("Authorization").remove(ApiKeyAuthenticationMechanism.HEADER);
        if (authorization != null) {
            upgrade.request().headers().set("Authorization", authorization);
        }
        if (apiKey != null) {
            upgrade.request().headers().set(ApiKeyAuthenticationMechanism.HEADER, apiKey);
        }
        return authenticator.attemptAuthentication(upgrade);
    }
}
