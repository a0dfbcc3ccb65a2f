package dev.ctgraphql.upstream;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * The read caches in front of CleverTap, one per kind of data, each bounded in entries and in (approximate) bytes, with
 * a time to live that may be chosen per entry (a finished day's count lives longer than today's).
 *
 * <p>
 * Two tiers: a local one in memory holding ready domain values, and, when {@code clevertap.shared-cache.redis-url} is
 * set, a shared one in Redis ({@link RedisTier}) holding CleverTap's answers as JSON, so that what one replica fetched
 * the others serve. A loader therefore produces JSON (CleverTap's answer, or a small JSON the client builds from it)
 * and a mapper turns that JSON into the value callers get; lookups go local, then shared, then CleverTap. Values whose
 * TTL is zero (e.g. a count still running) are never kept; a local copy of a shared entry is fresh no longer than the
 * shared entry. Invalidations drop both tiers, and the other replicas' local copies too.
 *
 * <p>
 * Past its freshness a local entry is not dropped at once (see {@link CacheEntry}): for {@code stale-while-revalidate}
 * it is answered at once while one background call refreshes it, so that an expiry under load costs neither a latency
 * spike nor a burst of upstream calls; later, up to {@code stale-if-error}, it is answered only when asking CleverTap
 * failed (unavailable, timed out, rate limited), and that answer is noted in the request's {@link ResponseNotes}. A
 * refresh that fails keeps the old entry, except for failures such as refused credentials, which drop it. Freshness
 * is shortened by up to {@code clevertap.resilience.ttl-jitter}, differently per key, so that entries written
 * together do not expire together; it never exceeds the configured TTL.
 *
 * <p>
 * Concurrent identical misses share one load (shared tier and upstream call): the first caller's load is stored as an
 * in-flight future that later callers join; refreshes are shared the same way. A load that fails is not kept. A
 * caller that gives up does not cancel the shared load. An answer loaded while the same cache was invalidated is not
 * kept, so that a write never leaves a stale answer behind.
 *
 * <p>
 * While this replica may miss other replicas' invalidations ({@link RedisTier#invalidationsReliable()} false: the
 * subscription is lost, or just back), a local entry is answered only for {@code clevertap.shared-cache.outage-ttl}
 * after it was stored, then loaded again (or, when CleverTap fails, answered stale with a note).
 */
@ApplicationScoped
public class ResponseCache {

    private static final Logger LOG = Logger.getLogger(ResponseCache.class);
    /** A parsed JSON tree, or the records mapped from it, takes about this many bytes per character of JSON text. */
    private static final int HELD_BYTES_PER_JSON_CHAR = 4;
    private static final String UNAVAILABLE = "UPSTREAM_UNAVAILABLE";
    private static final String RATE_LIMITED = "UPSTREAM_RATE_LIMITED";

    private final CleverTapConfig config;
    private final MeterRegistry registry;
    private final RedisTier shared;
    private final ObjectMapper mapper;
    private final CacheTtls ttls;
    private final AtomicLong generation = new AtomicLong();
    private final Map<String, CacheRegion> regions = new ConcurrentHashMap<>();

    ResponseCache(CleverTapConfig config, MeterRegistry registry, RedisTier shared, ObjectMapper mapper) {
        this.config = config;
        this.registry = registry;
        this.shared = shared;
        this.mapper = mapper;
        this.ttls = new CacheTtls(config);
        shared.listen(this::dropLocal);
        // answers remembered whole were trusted to hear of writes: no longer
        shared.whenUnheard(generation::incrementAndGet);
    }

    /**
     * The cached value for {@code key} in cache {@code cacheName}, or {@code mapper} applied to the JSON that
     * {@code loader} produces, fresh for {@code ttl.apply(value)} (at most the cache's configured TTL; zero means "do
     * not keep").
     */
    public <T> Uni<T> get(String cacheName, String key, Supplier<Uni<JsonNode>> loader, Function<JsonNode, T> mapper,
            Function<T, Duration> ttl) {
        return lookup(cacheName, key, new Loading<>(() -> loader.get().map(json -> new Loaded<>(mapper.apply(json),
                json.toString())), mapper, ttl));
    }

    /**
     * The cached value for {@code key} in cache {@code cacheName}, or the value {@code loader} produces: like
     * {@link #get(String, String, Supplier, Function, Function)} for a value of the service's own, which the shared tier
     * keeps in the JSON form {@code codec} gives it.
     */
    public <T> Uni<T> value(String cacheName, String key, Supplier<Uni<T>> loader, Codec<T> codec,
            Function<T, Duration> ttl) {
        return lookup(cacheName, key, new Loading<>(() -> loader.get().map(value -> new Loaded<>(value,
                codec.write(value).toString())), codec::read, ttl));
    }

    /** How a value of the service's own is kept as JSON in the shared tier. */
    public interface Codec<T> {
        /** The value as JSON. */
        JsonNode write(T value);

        /** The value back from {@link #write}'s JSON; throws when the JSON is not such a value. */
        T read(JsonNode json);
    }

    private <T> Uni<T> lookup(String cacheName, String key, Loading<T> loading) {
        CacheRegion region = regions.computeIfAbsent(cacheName, this::region);
        CacheEntry held = settled(region.cache().getIfPresent(key));
        if (held != null) {
            return kept(region, key, held, loading);
        }
        ResponseNotes.notFresh();
        AtomicBoolean loaded = new AtomicBoolean();
        CompletableFuture<CacheEntry> future = region.cache().get(key, (k, executor) -> {
            loaded.set(true);
            return load(region, k, loading).subscribeAsCompletionStage();
        });
        (loaded.get() ? region.misses() : region.hits()).increment();
        return joined(future).invoke(entry -> ResponseNotes.loaded(entry.freshUntil)).map(ResponseCache::value);
    }

    /**
     * The value of {@code key} when the local tier holds it fresh, else null (then ask {@link #get}): what {@code get}
     * would answer at once, counted and noted the same way, without building a reactive pipeline. The GraphQL hot path
     * of every cached query goes through here.
     */
    public <T> T fresh(String cacheName, String key) {
        CacheRegion region = regions.get(cacheName);
        CacheEntry entry = region == null ? null : settled(region.cache().getIfPresent(key));
        return entry != null && answeredFresh(region, entry, System.nanoTime()) ? value(entry) : null;
    }

    /**
     * {@link #fresh} for many keys of one cache at once (a list's items): puts into {@code values} the value of each key
     * the local tier holds fresh, leaving null where it does not, and answers how many it put. The hits are counted and
     * noted once for all.
     */
    @SuppressWarnings("unchecked")
    public <T> int fresh(String cacheName, String[] keys, T[] values) {
        CacheRegion region = regions.get(cacheName);
        if (region == null) {
            return 0;
        }
        long now = System.nanoTime();
        long until = Long.MAX_VALUE;
        int found = 0;
        for (int i = 0; i < keys.length; i++) {
            CacheEntry entry = settled(region.cache().getIfPresent(keys[i]));
            if (entry != null && answerable(entry, now)) {
                values[i] = (T) value(entry);
                until = Math.min(until, notedUntil(entry));
                found++;
            }
        }
        if (found > 0) {
            region.hits().increment(found);
            ResponseNotes.freshUntil(until);
        }
        return found;
    }

    /** Whether an entry is answered as it is, fresh and trusted: counted as a hit and noted until when it stays so. */
    private boolean answeredFresh(CacheRegion region, CacheEntry entry, long now) {
        if (!answerable(entry, now)) {
            return false;
        }
        region.hits().increment();
        ResponseNotes.freshUntil(notedUntil(entry));
        return true;
    }

    /** Whether an entry may be answered as it is: fresh, and trusted. */
    private boolean answerable(CacheEntry entry, long now) {
        return entry.freshAt(now) && trusted(entry, now);
    }

    /** The entry of a load that finished well, else null (nothing held, still loading, or failed). */
    private static CacheEntry settled(CompletableFuture<CacheEntry> held) {
        return held != null && held.isDone() && !held.isCompletedExceptionally() ? held.join() : null;
    }

    /** Until when an answer made of a fresh entry may be reused: while it is fresh, and trusted. */
    private long notedUntil(CacheEntry entry) {
        return shared.invalidationsReliable()
                ? entry.freshUntil
                : Math.min(entry.freshUntil, entry.storedAt + shared.outageTtl().toNanos());
    }

    /** While other replicas' writes may go unheard, an entry is trusted only shortly after it was stored. */
    private boolean trusted(CacheEntry entry, long now) {
        return shared.invalidationsReliable() || entry.storedWithin(now, shared.outageTtl());
    }

    /** Same as {@link #get(String, String, Supplier, Function, Function)} with the cache's configured TTL for every entry. */
    public <T> Uni<T> get(String cacheName, String key, Supplier<Uni<JsonNode>> loader, Function<JsonNode, T> mapper) {
        return get(cacheName, key, loader, mapper, value -> Duration.ofDays(36500));
    }

    /** Answers from an entry held locally: fresh, stale while one call refreshes it, or only if CleverTap fails. */
    private <T> Uni<T> kept(CacheRegion region, String key, CacheEntry entry, Loading<T> loading) {
        long now = System.nanoTime();
        T value = value(entry);
        if (answeredFresh(region, entry, now)) {
            return Uni.createFrom().item(value);
        }
        boolean trusted = trusted(entry, now);
        ResponseNotes.notFresh();
        if (trusted && entry.revalidatableAt(now)) {
            ResponseNotes.servedStale();
            region.stale().increment();
            refresh(region, key, entry, loading, true);
            if (entry.refreshFailure() != null) {
                ResponseNotes.stale(region.name(), entry.age(now), entry.refreshFailure());
            }
            return Uni.createFrom().item(value);
        }
        // too old to answer without asking CleverTap; still the answer when CleverTap cannot be asked
        region.misses().increment();
        return joined(refresh(region, key, entry, loading, false))
                .invoke(fresh -> ResponseNotes.loaded(fresh.freshUntil))
                .onFailure(failure -> staleReason(failure) != null && entry.keptAt(System.nanoTime()))
                .recoverWithItem(failure -> {
                    region.staleOnError().increment();
                    ResponseNotes.stale(region.name(), entry.age(System.nanoTime()), staleReason(failure));
                    return entry;
                })
                .map(ResponseCache::value);
    }

    /**
     * Loads a held entry again, once however many callers ask meanwhile, and replaces it unless the cache was invalidated
     * meanwhile. A {@code detached} refresh answers nobody waiting, so it runs on a new Vert.x context: the request
     * that happened to start it has moved on, and its logs and trace must not carry the refresh.
     */
    private CompletableFuture<CacheEntry> refresh(CacheRegion region, String key, CacheEntry old, Loading<?> loading,
            boolean detached) {
        CompletableFuture<CacheEntry> mine = new CompletableFuture<>();
        CompletableFuture<CacheEntry> running = region.refreshes().putIfAbsent(key, mine);
        if (running != null) {
            return running;
        }
        region.refreshed().increment();
        long epoch = region.epoch().get();
        Runnable start = () -> load(region, key, loading).subscribe().with(entry -> {
            if (region.epoch().get() == epoch) {
                region.cache().put(key, CompletableFuture.completedFuture(entry));
            }
            region.refreshes().remove(key, mine);
            mine.complete(entry);
        }, failure -> {
            String reason = staleReason(failure);
            if (reason != null) {
                old.refreshFailed(reason);
            } else {
                // e.g. refused credentials: the next caller must see that error, not an old answer
                region.cache().synchronous().asMap().remove(key, old);
            }
            LOG.debugf("Refreshing an entry of %s failed: %s", region.name(), failure.getClass().getSimpleName());
            region.refreshes().remove(key, mine);
            mine.completeExceptionally(failure);
        });
        Context caller = Vertx.currentContext();
        if (detached && caller != null) {
            VertxContext.createNewDuplicatedContext(caller).runOnContext(ignored -> start.run());
        } else {
            start.run();
        }
        return mine;
    }

    /**
     * A caller's view of a shared load: cancelling it does not cancel the load the others wait for, and a caller that
     * joined another request's load resumes on its own Vert.x context (its logs, its trace).
     */
    private static Uni<CacheEntry> joined(CompletableFuture<CacheEntry> future) {
        CompletableFuture<CacheEntry> mine = future.thenApply(Function.identity());
        Uni<CacheEntry> answer = Uni.createFrom().completionStage(mine);
        Context caller = Vertx.currentContext();
        if (!mine.isDone() && caller != null) {
            answer = answer.emitOn(task -> caller.runOnContext(ignored -> task.run()));
        }
        return answer;
    }

    @SuppressWarnings("unchecked")
    private static <T> T value(CacheEntry entry) {
        return (T) entry.value;
    }

    /** The error code to note when a failure lets a kept entry be answered, or null when it must not be. */
    private static String staleReason(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof CleverTapRateLimitedException) {
            return RATE_LIMITED;
        }
        if (cause instanceof CleverTapUnavailableException || cause instanceof TimeoutException) {
            return UNAVAILABLE;
        }
        return null;
    }

    private <T> Uni<CacheEntry> load(CacheRegion region, String key, Loading<T> loading) {
        if (!shared.enabled()) {
            return Uni.createFrom().<Loaded<T>>deferred(loading.loader()::get).map(loaded -> entry(region, key, loaded.value(),
                    capped(region, loading.ttl().apply(loaded.value())), loaded.json().length()));
        }
        long epoch = region.epoch().get();
        String sharedKey = shared.key(region.name(), key);
        return shared.get(sharedKey).chain(lookup -> {
            CacheEntry found = lookup.status() == RedisTier.Status.HIT ? fromShared(region, lookup, loading) : null;
            Counter counter = found != null
                    ? region.sharedHits()
                    : lookup.status() == RedisTier.Status.ERROR ? region.sharedErrors() : region.sharedMisses();
            counter.increment();
            if (found != null) {
                return Uni.createFrom().item(found);
            }
            return Uni.createFrom().<Loaded<T>>deferred(loading.loader()::get).chain(loaded -> {
                String text = loaded.json();
                CacheEntry entry = entry(region, key, loaded.value(), capped(region, loading.ttl().apply(loaded.value())),
                        text.length());
                if (!entry.kept() || region.epoch().get() != epoch) {
                    return Uni.createFrom().item(entry);
                }
                // an invalidation may have been sent while the answer was on its way to Redis: take it out again
                return shared.put(sharedKey, text, entry.ttl)
                        .chain(() -> region.epoch().get() == epoch ? Uni.createFrom().voidItem() : shared.remove(sharedKey))
                        .replaceWith(entry);
            });
        });
    }

    /**
     * An entry read from the shared tier, fresh locally no longer than it remains there; null when it cannot be read.
     */
    private <T> CacheEntry fromShared(CacheRegion region, RedisTier.Lookup lookup, Loading<T> loading) {
        try {
            T value = loading.reader().apply(this.mapper.readTree(lookup.json()));
            Duration wanted = capped(region, loading.ttl().apply(value));
            Duration local = wanted;
            long age = 0;
            if (lookup.ttlMillis() != -1) {
                Duration remaining = Duration.ofMillis(Math.max(0, lookup.ttlMillis()));
                local = remaining.compareTo(local) < 0 ? remaining : local;
                age = Math.max(0, wanted.minus(remaining).toNanos());
            }
            return new CacheEntry(value, local, HELD_BYTES_PER_JSON_CHAR * lookup.json().length(), System.nanoTime() - age,
                    region.staleWhileRevalidate(local), region.staleIfError());
        } catch (Exception e) {
            LOG.debugf("Unreadable shared cache entry in %s, loading it again: %s", region.name(),
                    e.getClass().getSimpleName());
            return null;
        }
    }

    private CacheEntry entry(CacheRegion region, String key, Object value, Duration ttl, int jsonChars) {
        Duration fresh = ttls.jittered(key, ttl);
        return new CacheEntry(value, fresh, HELD_BYTES_PER_JSON_CHAR * jsonChars, System.nanoTime(),
                region.staleWhileRevalidate(fresh), region.staleIfError());
    }

    /** The configured TTL of a cache for data that no longer changes. */
    public Duration ttl(String cacheName) {
        return ttls.ttl(cacheName);
    }

    /** The configured TTL of a cache for data that may still change (defaults to {@link #ttl}). */
    public Duration liveTtl(String cacheName) {
        return ttls.liveTtl(cacheName);
    }

    /**
     * The TTL for data about days up to {@code lastDay}: settled ({@link #ttl}) when the last day ended before yesterday
     * in the project's time zone, else still changing ({@link #liveTtl}).
     */
    public Duration ttlUntil(String cacheName, LocalDate lastDay) {
        return ttls.ttlUntil(cacheName, lastDay);
    }

    /** The TTL policy (tests). */
    CacheTtls ttls() {
        return ttls;
    }

    /**
     * Drops one entry from both tiers, e.g. after a write made it stale. The local entry goes at once; the returned Uni
     * completes when the shared tier dropped it too (it never fails, and need not be awaited).
     */
    public Uni<Void> invalidate(String cacheName, String key) {
        return invalidate(cacheName, List.of(key));
    }

    /** Drops entries from both tiers, like {@link #invalidate(String, String)}. */
    public Uni<Void> invalidate(String cacheName, Collection<String> keys) {
        if (keys.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<String> copy = List.copyOf(keys);
        dropLocal(cacheName, copy);
        return started(shared.delete(cacheName, copy));
    }

    /** Drops every entry of one cache from both tiers, like {@link #invalidate(String, String)}. */
    public Uni<Void> invalidateAll(String cacheName) {
        dropLocal(cacheName, null);
        return started(shared.deleteAll(cacheName));
    }

    /** Drops every entry of every cache from both tiers (tests, operators), like {@link #invalidate(String, String)}. */
    public Uni<Void> clear() {
        dropLocal(null, null);
        return started(shared.deleteAll(null));
    }

    /** Drops every entry of the local tier only, as if this were a fresh replica (tests). */
    public void clearLocal() {
        dropLocal(null, null);
    }

    /** Number of entries held by a cache in the local tier (approximate). */
    public long size(String cacheName) {
        CacheRegion region = regions.get(cacheName);
        return region == null ? 0 : region.cache().synchronous().estimatedSize();
    }

    /**
     * A number that changes whenever anything is dropped from the local tier (a write, another replica's write, a
     * clear): whatever was derived from the caches under an older number may be stale.
     */
    public long generation() {
        return generation.get();
    }

    /** Drops local entries: some keys of a cache, a whole cache (keys null), or everything (cache null). */
    private void dropLocal(String cacheName, List<String> keys) {
        generation.incrementAndGet();
        List<CacheRegion> targets = new ArrayList<>();
        if (cacheName == null) {
            targets.addAll(regions.values());
        } else if (regions.get(cacheName) != null) {
            targets.add(regions.get(cacheName));
        }
        for (CacheRegion region : targets) {
            region.epoch().incrementAndGet();
            if (keys == null) {
                region.cache().synchronous().invalidateAll();
            } else {
                region.cache().synchronous().invalidateAll(keys);
            }
        }
    }

    /** Runs a shared-tier operation now, whether or not the caller subscribes to the result. */
    private static Uni<Void> started(Uni<Void> operation) {
        return Uni.createFrom().completionStage(operation.subscribeAsCompletionStage());
    }

    private static Duration capped(CacheRegion region, Duration wanted) {
        return CacheTtls.capped(region.maxTtl(), wanted);
    }

    private CacheRegion region(String name) {
        return CacheRegion.create(name, ttls.spec(name), config.resilience().staleIfError(), shared.enabled(), registry);
    }

    /**
     * What a caller's load consists of: the upstream call (with the value's JSON form), the reading of a value from the
     * shared tier's JSON, and the TTL of the value.
     */
    private record Loading<T>(Supplier<Uni<Loaded<T>>> loader, Function<JsonNode, T> reader, Function<T, Duration> ttl) {
    }

    /** One load's value and the JSON text the shared tier keeps of it (its length also gives the entry's weight). */
    private record Loaded<T>(T value, String json) {
    }

}
