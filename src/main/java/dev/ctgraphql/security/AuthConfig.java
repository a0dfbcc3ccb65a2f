package dev.ctgraphql.security;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Who may call the service: API keys, what anonymous callers may do, and whether metrics need a key. */
@ConfigMapping(prefix = "clevertap-graphql.auth")
public interface AuthConfig {

    /**
     * API keys as {@code name:role|role:sha256hex} entries (comma-separated in one variable). Only the SHA-256 of each
     * key is configured, so the configuration leaks no key. Removing an entry (and restarting) revokes the key.
     */
    Optional<List<String>> apiKeys();

    /**
     * Roles an anonymous caller has; none by default, which makes {@code /graphql} answer 401 to callers without
     * credentials. Dev and test mode grant every role so that {@code quarkus:dev} needs no key.
     */
    Optional<Set<String>> anonymousRoles();

    /** Whether {@code /q/metrics} needs credentials with the admin role. */
    @WithDefault("false")
    boolean protectMetrics();

}
