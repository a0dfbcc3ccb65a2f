package dev.ctgraphql.security;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityPolicy;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Metrics ({@code /q/metrics}, bound by {@code quarkus.http.auth.permission.metrics}): open for scrapers unless
 * {@code clevertap-graphql.auth.protect-metrics} is set, then only for the admin role. Health stays open whatever the
 * settings, for probes; the GraphiQL page is switched off at run time with {@code quarkus.smallrye-graphql.ui.enabled}.
 */
@ApplicationScoped
public class MetricsPolicy implements HttpSecurityPolicy {

    static final String NAME = "metrics-access";

    private final boolean protect;

    MetricsPolicy(AuthConfig config) {
        this.protect = config.protectMetrics();
    }

    @Override
    public Uni<CheckResult> checkPermission(RoutingContext request, Uni<SecurityIdentity> identity,
            AuthorizationRequestContext requestContext) {
        if (!protect) {
            return Uni.createFrom().item(CheckResult.PERMIT);
        }
        return identity.map(caller -> caller.hasRole(Roles.ADMIN) ? CheckResult.PERMIT : CheckResult.DENY);
    }

    @Override
    public String name() {
        return NAME;
    }
}
