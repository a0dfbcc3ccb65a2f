package dev.ctgraphql.observability;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.MDC;

import io.vertx.ext.web.Router;

import dev.ctgraphql.upstream.ProcessIdentity;

/**
 * Gives every HTTP request an id: the caller's {@code X-Request-Id} when it is a sane token, else a new one. It is put
 * in the logging context (so every JSON log line of the request carries {@code requestId}) and echoed in the response.
 */
@ApplicationScoped
public class RequestIds {

    static final String HEADER = "X-Request-Id";
    static final String MDC_KEY = "requestId";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private final ProcessIdentity identity;

    RequestIds(ProcessIdentity identity) {
        this.identity = identity;
    }

    /**
     * A random (version 4) UUID from a fast generator: request ids must not collide, they need not be unguessable, and
     * {@link UUID#randomUUID()} draws from SecureRandom, which cost more than a cached GraphQL answer. The per-thread
     * generator's state would be copied by a snapshot (Lambda SnapStart), so the process's salt, drawn anew after a
     * restore, is mixed in: copies restored from one snapshot do not repeat each other's ids.
     */
    String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long salt = identity.salt();
        long high = random.nextLong() ^ salt;
        long low = random.nextLong() ^ Long.rotateLeft(salt, 29);
        return new UUID((high & ~0xF000L) | 0x4000L, (low & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L).toString();
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            String given = context.request().getHeader(HEADER);
            String id = given != null && SANE.matcher(given).matches() ? given : newId();
            MDC.put(MDC_KEY, id);
            context.response().putHeader(HEADER, id);
            context.next();
        });
    }
}
