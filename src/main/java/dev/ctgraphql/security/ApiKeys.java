package dev.ctgraphql.security;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.runtime.Startup;

/**
 * The configured API keys, parsed and checked when the service starts so that a mistyped entry stops the start with a
 * message naming it instead of locking a caller out later.
 */
@Startup
@ApplicationScoped
public class ApiKeys {

    private static final Logger LOG = Logger.getLogger(ApiKeys.class);

    private final List<ApiKey> keys;

    ApiKeys(AuthConfig config) {
        List<ApiKey> parsed = new ArrayList<>();
        Set<String> names = new HashSet<>();
        List<String> entries = config.apiKeys().orElse(List.of());
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).isBlank()) {
                continue;
            }
            ApiKey key = ApiKey.parse(entries.get(i), i + 1);
            if (!names.add(key.name())) {
                throw new IllegalArgumentException("clevertap-graphql.auth.api-keys entry " + (i + 1) + ": the name '"
                        + key.name() + "' is used twice");
            }
            parsed.add(key);
        }
        this.keys = List.copyOf(parsed);
        LOG.infof("%d API key(s) configured: %s", keys.size(), String.join(", ", names.stream().sorted().toList()));
    }

    /**
     * The entry whose hash matches the presented key. Every entry is compared, whichever matches, so the time taken
     * does not depend on which entry (if any) matched.
     */
    Optional<ApiKey> find(String presented) {
        byte[] digest = ApiKey.digest(presented);
        ApiKey found = null;
        for (ApiKey key : keys) {
            if (key.matches(digest) && found == null) {
                found = key;
            }
        }
        return Optional.ofNullable(found);
    }
}
