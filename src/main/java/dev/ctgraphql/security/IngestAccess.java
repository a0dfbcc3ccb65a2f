package dev.ctgraphql.security;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.ext.web.RoutingContext;

/**
 * Who may use the NDJSON ingest endpoints: the same callers as the upload mutations, role {@code editor} (API key or
 * JWT as authenticated by Quarkus, or anonymous callers when anonymous roles include it). Answers 401 with a challenge
 * when there are no credentials, 403 when the caller lacks the role, before any of the body is read.
 */
@ApplicationScoped
public class IngestAccess {

    private static final String CHALLENGE = ApiKeyAuthenticationMechanism.SCHEME + " realm=\"clevertap-graphql\"";

    private final AnonymousRoles anonymous;

    IngestAccess(AnonymousRoles anonymous) {
        this.anonymous = anonymous;
    }

    /** Whether the caller of this request has the upload role; when not, the refusal has been answered. */
    public boolean admit(RoutingContext ctx) {
        boolean authenticated = ctx.user() instanceof QuarkusHttpUser user && !user.getSecurityIdentity().isAnonymous();
        if (authenticated) {
            if (((QuarkusHttpUser) ctx.user()).getSecurityIdentity().hasRole(Roles.EDITOR)) {
                return true;
            }
            refuse(ctx, 403, "FORBIDDEN", "Uploads need role " + Roles.EDITOR);
            return false;
        }
        if (anonymous.has(Roles.EDITOR)) {
            return true;
        }
        if (anonymous.allowed()) {
            refuse(ctx, 403, "FORBIDDEN", "Uploads need role " + Roles.EDITOR);
            return false;
        }
        ctx.response().putHeader("WWW-Authenticate", CHALLENGE);
        refuse(ctx, 401, "UNAUTHENTICATED", "Credentials are required: an API key (X-API-Key) or a bearer token");
        return false;
    }

    private static void refuse(RoutingContext ctx, int status, String code, String message) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
                .end("{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}");
    }
}
