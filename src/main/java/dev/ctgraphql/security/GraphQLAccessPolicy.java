package dev.ctgraphql.security;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityPolicy;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * Who may reach {@code /graphql} at all (bound by {@code quarkus.http.auth.permission.graphql}): callers with valid
 * credentials, and anonymous callers only when anonymous roles are configured; everyone else gets HTTP 401 with a
 * challenge. What each caller may then do is decided per field by {@link RoleGuard}.
 *
 * <p>
 * Browsers cannot set headers on a WebSocket upgrade, so when
 * {@code quarkus.smallrye-graphql.authorization-client-init-payload-name} is set an anonymous upgrade is let through:
 * the connection authenticates with the credentials of its {@code connection_init} payload (invalid ones close it with
 * 4403), and until then every field is refused by {@link RoleGuard}.
 */
@ApplicationScoped
public class GraphQLAccessPolicy implements HttpSecurityPolicy {

    static final String NAME = "graphql-access";

    private final AnonymousRoles anonymous;
    private final boolean credentialsOnInit;

    GraphQLAccessPolicy(AnonymousRoles anonymous,
            @ConfigProperty(name = "quarkus.smallrye-graphql.authorization-client-init-payload-name") Optional<String> initPayloadName) {
        this.anonymous = anonymous;
        this.credentialsOnInit = initPayloadName.filter(name -> !name.isBlank()).isPresent();
    }

    @Override
    public Uni<CheckResult> checkPermission(RoutingContext request, Uni<SecurityIdentity> identity,
            AuthorizationRequestContext requestContext) {
        return identity.map(caller -> !caller.isAnonymous() || anonymous.allowed()
                || (credentialsOnInit && isWebSocketUpgrade(request)) ? CheckResult.PERMIT : CheckResult.DENY);
    }

    private static boolean isWebSocketUpgrade(RoutingContext request) {
        return request.request().headers().contains(HttpHeaders.UPGRADE, HttpHeaders.WEBSOCKET, true);
    }

    @Override
    public String name() {
        return NAME;
    }
}
