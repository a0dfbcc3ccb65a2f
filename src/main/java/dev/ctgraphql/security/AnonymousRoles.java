package dev.ctgraphql.security;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/** Gives anonymous callers the roles of {@code clevertap-graphql.auth.anonymous-roles} (dev and test mode: all). */
@ApplicationScoped
public class AnonymousRoles implements SecurityIdentityAugmentor {

    private final Set<String> roles;

    AnonymousRoles(AuthConfig config) {
        this.roles = Set.copyOf(config.anonymousRoles().orElse(Set.of()));
        for (String role : roles) {
            if (!Roles.ALL.contains(role)) {
                throw new IllegalArgumentException("clevertap-graphql.auth.anonymous-roles: unknown role '" + role + "'");
            }
        }
    }

    /** Whether anonymous callers may use {@code /graphql} at all. */
    boolean allowed() {
        return !roles.isEmpty();
    }

    /** Whether anonymous callers have {@code role}. */
    boolean has(String role) {
        return roles.contains(role);
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (!identity.isAnonymous() || roles.isEmpty()) {
            return Uni.createFrom().item(identity);
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder(identity).addRoles(roles).build());
    }
}
