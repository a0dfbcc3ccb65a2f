package dev.ctgraphql.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.vertx.core.http.HttpServerRequest;

/**
 * Checks a webhook call's credentials: the configured secret header, or Basic credentials. CleverTap documents no
 * body signature (reference §8.4), so these static credentials over TLS are what proves a call comes from CleverTap.
 */
@ApplicationScoped
class WebhookAuth {

    private static final Logger LOG = Logger.getLogger(WebhookAuth.class);
    private static final String BASIC = "basic ";

    private final WebhookConfig config;

    WebhookAuth(WebhookConfig config) {
        this.config = config;
    }

    void warnIfOpenToNobody(@Observes StartupEvent start) {
        if (config.secret().isEmpty() && !basicConfigured()) {
            LOG.warn("No webhook secret or Basic credentials are configured: POST /webhooks/clevertap refuses every call "
                    + "(set WEBHOOKS_SECRET, or WEBHOOKS_BASIC_USERNAME and WEBHOOKS_BASIC_PASSWORD)");
        }
    }

    /** Whether the request carries the configured secret or Basic credentials. */
    boolean accepts(HttpServerRequest request) {
        boolean ok = false;
        if (config.secret().isPresent()) {
            String given = request.getHeader(config.secretHeader());
            // no early return: both checks always run so timing tells nothing about which one failed
            ok = given != null && same(given, config.secret().get());
        }
        if (basicConfigured()) {
            String expected = config.basic().username().get() + ":" + config.basic().password().get();
            String given = basicCredentials(request.getHeader("Authorization"));
            ok |= given != null && same(given, expected);
        }
        return ok;
    }

    /** Whether a 401 should invite Basic credentials. */
    boolean basicConfigured() {
        return config.basic().username().isPresent() && config.basic().password().isPresent();
    }

    private static String basicCredentials(String header) {
        if (header == null || header.length() <= BASIC.length() || !header.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
            return null;
        }
        try {
            return new String(Base64.getDecoder().decode(header.substring(BASIC.length()).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Constant-time comparison; both sides are hashed first so that not even their lengths leak. */
    static boolean same(String given, String expected) {
        return MessageDigest.isEqual(sha256(given), sha256(expected));
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
