package dev.ctgraphql.graphql.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * HTTP caching of answers to GET: every GET answer carries an {@code ETag} (a hash of its media type and bytes) and is
 * answered {@code 304 Not Modified} when the caller's {@code If-None-Match} names it. A successful answer made only of
 * cached CleverTap data may be kept by HTTP caches for as long as that data stays fresh ({@code max-age} = the freshness
 * left on the first of its cache entries to expire), {@code private} when the request carried credentials (the answer
 * depends on the caller's roles), {@code public} only when it carried none (anonymous roles); anything else must be
 * revalidated ({@code no-cache}), and an answer with errors or stale data is never stored ({@code no-store}). The answer
 * varies with {@code Accept} (the media type) and the credentials headers. POST answers are written unchanged.
 */
final class HttpCaching {

    static final String VARY = "Accept, Authorization, X-API-Key";
    private static final String API_KEY = "X-API-Key";

    private HttpCaching() {
    }

    /**
     * Writes an answer. {@code freshUntil}: until when (a {@link System#nanoTime()} value) its data is fresh, or 0 when
     * it must not be stored (errors, stale data, a refusal).
     */
    static void send(RoutingContext ctx, int status, String contentType, byte[] body, long freshUntil) {
        String etag = ctx.request().method() == HttpMethod.GET ? etag(contentType, body) : null;
        send(ctx, status, contentType, Buffer.buffer(body), etag, freshUntil);
    }

    /**
     * Writes an answer whose buffer and entity tag ({@link #etag}, needed for a GET only, else null) were made before,
     * once for a kept answer written again and again.
     */
    static void send(RoutingContext ctx, int status, String contentType, Buffer body, String etag, long freshUntil) {
        HttpServerResponse response = ctx.response();
        if (response.ended()) {
            return;
        }
        response.putHeader(HttpHeaders.CONTENT_TYPE, contentType);
        if (ctx.request().method() != HttpMethod.GET) {
            response.setStatusCode(status).end(body);
            return;
        }
        // keep what others vary on (CORS adds Origin)
        String vary = response.headers().get(HttpHeaders.VARY);
        response.putHeader(HttpHeaders.ETAG, etag).putHeader(HttpHeaders.VARY, vary == null ? VARY : vary + ", " + VARY)
                .putHeader(HttpHeaders.CACHE_CONTROL, cacheControl(ctx, status, freshUntil));
        if (status == 200 && matches(ctx.request().getHeader(HttpHeaders.IF_NONE_MATCH), etag)) {
            response.setStatusCode(304).end();
            return;
        }
        response.setStatusCode(status).end(body);
    }

    private static String cacheControl(RoutingContext ctx, int status, long freshUntil) {
        if (status != 200 || freshUntil == 0) {
            return "no-store";
        }
        String scope = credentialed(ctx) ? "private" : "public";
        long seconds = TimeUnit.NANOSECONDS.toSeconds(freshUntil - System.nanoTime());
        return seconds > 0 ? scope + ", max-age=" + seconds : scope + ", no-cache";
    }

    /** Whether the request carried credentials (its answer then depends on who sent it). */
    static boolean credentialed(RoutingContext ctx) {
        return ctx.request().getHeader(HttpHeaders.AUTHORIZATION) != null || ctx.request().getHeader(API_KEY) != null;
    }

    static String etag(String contentType, byte[] body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(contentType.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            byte[] hash = sha.digest(body);
            return '"' + Base64.getUrlEncoder().withoutPadding().encodeToString(hash).substring(0, 27) + '"';
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    /** RFC 9110 weak comparison against a list of entity tags, or {@code *}. */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*")) {
                return true;
            }
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals(etag)) {
                return true;
            }
        }
        return false;
    }
}
