package dev.ctgraphql.graphql.http;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;

import jakarta.inject.Singleton;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

import dev.ctgraphql.upstream.ResponseCache;

/**
 * Whole answers kept for reuse (see {@link EndpointConfig.Answers}): the hot path of a cached query is then a map
 * lookup and a write, with no parsing, no GraphQL execution and no serialisation. An answer is keyed by the exact
 * request (method, content type, body or query string), the media type answered and the caller's roles; it lives
 * until the first cache entry it was made of stops being fresh, and dies with any invalidation of the caches (a
 * write, another replica's write), which changes their generation.
 */
@Singleton
class AnswerMemo {

    /**
     * A request that may be remembered once answered: its key, the caches' generation when it started, and whether it
     * is a GET (whose answer carries an entity tag).
     */
    record Slot(String key, long generation, boolean get) {
    }

    /**
     * A kept answer, ready to be written again and again: its bytes as a buffer (written as is, like any fixed
     * response) and, for a GET, its entity tag (else null), both made once when the answer is kept.
     */
    private record Answer(Buffer body, String contentType, String etag, long until, long generation) {
    }

    /** The key part of the last role set seen, with that set: most callers hold the same roles. */
    private record RolesKey(Set<String> roles, String key) {
    }

    /**
     * Requests with a bigger body (uploads, above all: megabytes) are never looked up or kept: copying and hashing
     * them into a key would cost more on every upload than reuse could ever save on such rare queries.
     */
    static final int MAX_BODY_BYTES = 64 * 1024;

    private final boolean enabled;
    private final ResponseCache caches;
    private final Cache<String, Answer> answers;
    private final Counter reused;
    private volatile RolesKey lastRoles = new RolesKey(Set.of(), "");

    AnswerMemo(EndpointConfig config, ResponseCache caches, MeterRegistry registry) {
        this.enabled = config.answers().reuse();
        this.caches = caches;
        this.answers = Caffeine.newBuilder()
                .maximumWeight(config.answers().maximumBytes().asLongValue())
                .weigher((String key, Answer answer) -> key.length() * 2 + answer.body().length() + 64)
                .expireAfter(Expiry.creating((String key, Answer answer) -> Duration.ofNanos(
                        Math.max(0, answer.until() - System.nanoTime()))))
                // upkeep (read buffers, expiry) on the caller's thread: handing it to the common pool woke a pool
                // thread for a few reads' worth of work on a hot key, more than the work itself
                .executor(Runnable::run)
                .build();
        this.reused = Counter.builder("graphql.answers.reused")
                .description("GraphQL requests answered with a kept answer, without executing")
                .register(registry);
    }

    /** Makes the response cache (and the mapper it holds) now, on the start-up priming worker, not in the first request. */
    void prime() {
        caches.generation();
    }

    /**
     * The slot of this request, or null when reuse is off or the body is too big to be worth it; read before anything
     * else happens to the request.
     */
    Slot slot(RoutingContext ctx, String media) {
        if (!enabled || (ctx.body() != null && ctx.body().length() > MAX_BODY_BYTES)) {
            return null;
        }
        StringBuilder key = new StringBuilder(256).append(media).append('\n').append(roles(ctx)).append('\n');
        if (ctx.request().method() == HttpMethod.GET) {
            key.append("GET ").append(ctx.request().query());
        } else {
            // one char per byte: tells the exact bytes apart without decoding them (the content type is in the key)
            Buffer body = ctx.body() == null ? null : ctx.body().buffer();
            key.append(ctx.request().getHeader(HttpHeaders.CONTENT_TYPE)).append('\n')
                    .append(body == null ? "" : body.toString(StandardCharsets.ISO_8859_1));
        }
        return new Slot(key.toString(), caches.generation(), ctx.request().method() == HttpMethod.GET);
    }

    /** Answers the request with a kept answer when there is a current one; false otherwise. */
    boolean answer(RoutingContext ctx, Slot slot) {
        Answer answer = answers.getIfPresent(slot.key());
        if (answer == null || answer.generation() != caches.generation() || answer.until() - System.nanoTime() <= 0) {
            return false;
        }
        reused.increment();
        HttpCaching.send(ctx, 200, answer.contentType(), answer.body(), answer.etag(), answer.until());
        return true;
    }

    /** Keeps an answer until {@code until} (a nanoTime), unless the caches changed since the request started. */
    void keep(Slot slot, byte[] body, String contentType, long until) {
        if (slot.generation() == caches.generation() && until - System.nanoTime() > 0) {
            String etag = slot.get() ? HttpCaching.etag(contentType, body) : null;
            answers.put(slot.key(), new Answer(Buffer.buffer(body), contentType, etag, until, slot.generation()));
        }
    }

    /** The caller's roles, sorted and joined; the same set as the last caller's costs a set comparison only. */
    private String roles(RoutingContext ctx) {
        if (!(ctx.user() instanceof QuarkusHttpUser user)) {
            return "";
        }
        Set<String> roles = user.getSecurityIdentity().getRoles();
        RolesKey last = lastRoles;
        if (last.roles().equals(roles)) {
            return last.key();
        }
        String key = roles.size() <= 1 ? String.join(",", roles) : String.join(",", new TreeSet<>(roles));
        lastRoles = new RolesKey(Collections.unmodifiableSet(new HashSet<>(roles)), key);
        return key;
    }
}
