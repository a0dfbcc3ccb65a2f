package dev.ctgraphql.upstream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * What one GraphQL request should tell its caller besides data and errors (answers served from a cache after
 * CleverTap failed: stale-if-error), and how long its answer stays true (the earliest end of freshness among the
 * cache entries it read, or never cacheable when one was not fresh or had to be loaded). The HTTP endpoint opens a notes holder on the request's Vert.x context
 * before executing, the cache adds to it while resolving, and the endpoint writes what it holds into the response's
 * {@code extensions}. Outside such a request (a subscription, a test calling a client directly) there is no holder
 * and nothing is recorded.
 */
public final class ResponseNotes {

    private static final String KEY = "ctg.response-notes";

    /** One answer served from the cache because CleverTap could not be asked. */
    public record Stale(String cache, Duration age, String reason) {
    }

    private final List<Stale> stale = new ArrayList<>(2);
    private long freshUntil = Long.MAX_VALUE;
    private int freshReads;
    private boolean notFresh;
    private long loadedFreshUntil = Long.MAX_VALUE;
    private int loads;
    private boolean servedStale;

    private ResponseNotes() {
    }

    /** Opens a holder on the current (duplicated) Vert.x context; returns it, or empty off a Vert.x context. */
    public static Optional<ResponseNotes> open() {
        Context context = Vertx.currentContext();
        if (context == null) {
            return Optional.empty();
        }
        ResponseNotes notes = new ResponseNotes();
        ContextLocals.put(KEY, notes);
        return Optional.of(notes);
    }

    /** The holder of the request running on the current Vert.x context, if it opened one. */
    public static Optional<ResponseNotes> current() {
        Context context = Vertx.currentContext();
        // a load may complete on a root context (e.g. the shared tier's client): no request's notes live there
        return context == null || !VertxContext.isDuplicatedContext(context) ? Optional.empty() : ContextLocals.get(KEY);
    }

    /** Records that {@code cache} answered with an entry {@code age} old because of {@code reason}. */
    public static void stale(String cache, Duration age, String reason) {
        current().ifPresent(notes -> notes.add(new Stale(cache, age, reason)));
    }

    /** Records that a fresh cache entry, fresh until {@code nanoTime}, was read. */
    public static void freshUntil(long nanoTime) {
        current().ifPresent(notes -> notes.readFresh(nanoTime));
    }

    /** Records that some answer was not a fresh cache entry (loaded now, or stale): the response is not reusable. */
    public static void notFresh() {
        current().ifPresent(ResponseNotes::markNotFresh);
    }

    /** Records that an entry past its freshness was answered (while it is refreshed): the response is not cacheable. */
    public static void servedStale() {
        current().ifPresent(ResponseNotes::markStale);
    }

    /** Records that an entry was loaded now, fresh until {@code nanoTime}. */
    public static void loaded(long nanoTime) {
        current().ifPresent(notes -> notes.readLoaded(nanoTime));
    }

    private synchronized void add(Stale entry) {
        stale.add(entry);
        notFresh = true;
        servedStale = true;
    }

    private synchronized void markStale() {
        notFresh = true;
        servedStale = true;
    }

    private synchronized void readLoaded(long nanoTime) {
        loads++;
        loadedFreshUntil = Math.min(loadedFreshUntil, nanoTime);
    }

    private synchronized void readFresh(long nanoTime) {
        freshReads++;
        freshUntil = Math.min(freshUntil, nanoTime);
    }

    private synchronized void markNotFresh() {
        notFresh = true;
    }

    /**
     * Until when (a {@link System#nanoTime()} value) an identical request would get the same answer from the caches,
     * or 0 when the answer must not be reused: nothing came from a cache, or something was not fresh.
     */
    public synchronized long reusableUntil() {
        return notFresh || freshReads == 0 ? 0 : freshUntil;
    }

    /**
     * Until when (a {@link System#nanoTime()} value) the answer's data stays fresh, counting entries loaded for this
     * request too, for HTTP caches ({@code Cache-Control: max-age}); 0 when nothing came from a cache or something
     * answered was past its freshness.
     */
    public synchronized long cacheableUntil() {
        if (servedStale || freshReads + loads == 0) {
            return 0;
        }
        return Math.min(freshUntil, loadedFreshUntil);
    }

    /** What was recorded so far. */
    public synchronized List<Stale> stale() {
        return List.copyOf(stale);
    }
}
