package dev.ctgraphql.webhook;

import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How CleverTap's webhook calls are authenticated and how many of them are kept. */
@ConfigMapping(prefix = "webhooks")
public interface WebhookConfig {

    /** Header that carries the shared secret set in CleverTap's webhook "Headers" tab. */
    @WithDefault("X-Webhook-Secret")
    String secretHeader();

    /** The shared secret (from the environment: WEBHOOKS_SECRET); no secret means the header is not accepted. */
    Optional<String> secret();

    /** Basic credentials set in CleverTap's webhook "Basic" authentication. */
    Basic basic();

    /** Largest body accepted; larger ones are refused with 413 before they are read in full. */
    @WithDefault("1M")
    MemorySize maxBodySize();

    /** Deliveries kept in memory; the oldest is dropped when a new one arrives and the store is full. */
    @WithDefault("1000")
    int storeSize();

    /** Basic credentials; both must be set for Basic to be accepted. */
    interface Basic {
        /** User name (WEBHOOKS_BASIC_USERNAME). */
        Optional<String> username();

        /** Password (WEBHOOKS_BASIC_PASSWORD). */
        Optional<String> password();
    }
}
