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
import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
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
    /** Lookups in the local tier, by cache and result (hit, stale: answered while refreshing, miss). */
    private static final String LOCAL_GETS = "clevertap.cache.gets";
    /** Lookups in the shared tier after a local miss, by cache and result (hit, miss, error). */
    private static final String SHARED_GETS = "clevertap.cache.shared.gets";
    /** A parsed JSON tree, or the records mapped from it, takes about this many bytes per character of JSON text. */
    private static final int HELD_BYTES_PER_JSON_CHAR = 4;
    private static final String UNAVAILABLE = "UPSTREAM_UNAVAILABLE";
    private static final String RATE_LIMITED = "UPSTREAM_RATE_LIMITED";

    private final CleverTapConfig config;
    private final MeterRegistry registry;
    private final RedisTier shared;
    private final ObjectMapper mapper;
    private final AtomicLong generation = new AtomicLong();
    private final Map<String, Region> regions = new ConcurrentHashMap<>();

    ResponseCache(CleverTapConfig config, MeterRegistry registry, RedisTier shared, ObjectMapper mapper) {
        this.config = config;
        this.registry = registry;
        this.shared = shared;
        this.mapper = mapper;
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
        Region region = regions.computeIfAbsent(cacheName, this::region);
        Loading<T> loading = new Loading<>(loader, mapper, ttl);
        CompletableFuture<CacheEntry> held = region.cache().getIfPresent(key);
        if (held != null && held.isDone() && !held.isCompletedExceptionally()) {
            return kept(region, key, held.join(), loading);
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
        Region region = regions.get(cacheName);
        CompletableFuture<CacheEntry> held = region == null ? null : region.cache().getIfPresent(key);
        if (held == null || !held.isDone() || held.isCompletedExceptionally()) {
            return null;
        }
        CacheEntry entry = held.join();
        return answeredFresh(region, entry, System.nanoTime()) ? value(entry) : null;
    }

    /** Whether an entry is answered as it is, fresh and trusted: counted as a hit and noted until when it stays so. */
    private boolean answeredFresh(Region region, CacheEntry entry, long now) {
        if (!entry.freshAt(now) || !trusted(entry, now)) {
            return false;
        }
        region.hits().increment();
        ResponseNotes.freshUntil(shared.invalidationsReliable()
                ? entry.freshUntil
                : Math.min(entry.freshUntil, entry.storedAt + shared.outageTtl().toNanos()));
        return true;
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
    private <T> Uni<T> kept(Region region, String key, CacheEntry entry, Loading<T> loading) {
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
    private CompletableFuture<CacheEntry> refresh(Region region, String key, CacheEntry old, Loading<?> loading,
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

    private <T> Uni<CacheEntry> load(Region region, String key, Loading<T> loading) {
        if (!shared.enabled()) {
            return Uni.createFrom().deferred(loading.loader()::get).map(json -> {
                T value = loading.mapper().apply(json);
                return entry(region, key, value, capped(region, loading.ttl().apply(value)), json.toString().length());
            });
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
            return Uni.createFrom().deferred(loading.loader()::get).chain(json -> {
                T value = loading.mapper().apply(json);
                String text = json.toString();
                CacheEntry entry = entry(region, key, value, capped(region, loading.ttl().apply(value)), text.length());
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
    private <T> CacheEntry fromShared(Region region, RedisTier.Lookup lookup, Loading<T> loading) {
        try {
            T value = loading.mapper().apply(this.mapper.readTree(lookup.json()));
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

    private CacheEntry entry(Region region, String key, Object value, Duration ttl, int jsonChars) {
        Duration fresh = jittered(key, ttl);
        return new CacheEntry(value, fresh, HELD_BYTES_PER_JSON_CHAR * jsonChars, System.nanoTime(),
                region.staleWhileRevalidate(fresh), region.staleIfError());
    }

    /**
     * {@code ttl} shortened by a fraction (up to the configured jitter) derived from {@code key}: the same on every
     * replica, spread over keys, and never longer than {@code ttl}.
     */
    Duration jittered(String key, Duration ttl) {
        double jitter = config.resilience().ttlJitter();
        if (ttl.isZero() || jitter <= 0) {
            return ttl;
        }
        // Fibonacci hashing: keys that differ in one character still land far apart
        long mixed = key.hashCode() * 0x9E3779B97F4A7C15L;
        double spread = (mixed >>> 11) * 0x1.0p-53;
        return Duration.ofNanos((long) (ttl.toNanos() * (1 - Math.min(jitter, 1) * spread)));
    }

    /** The configured TTL of a cache for data that no longer changes. */
    public Duration ttl(String cacheName) {
        return spec(cacheName).ttl();
    }

    /** The configured TTL of a cache for data that may still change (defaults to {@link #ttl}). */
    public Duration liveTtl(String cacheName) {
        CleverTapConfig.CacheSpec spec = spec(cacheName);
        return spec.liveTtl().orElse(spec.ttl());
    }

    /**
     * The TTL for data about days up to {@code lastDay}: settled ({@link #ttl}) when the last day ended before yesterday
     * in the project's time zone, else still changing ({@link #liveTtl}: today's data, late uploads to yesterday).
     */
    public Duration ttlUntil(String cacheName, LocalDate lastDay) {
        LocalDate today = LocalDate.now(config.timeZone());
        return lastDay.isBefore(today.minusDays(1)) ? ttl(cacheName) : liveTtl(cacheName);
    }

    private CleverTapConfig.CacheSpec spec(String name) {
        CleverTapConfig.CacheSpec spec = config.caches().get(name);
        if (spec == null) {
            throw new IllegalStateException("No configuration for cache '" + name + "' (clevertap.cache." + name + ".ttl)");
        }
        return spec;
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
        Region region = regions.get(cacheName);
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
        List<Region> targets = new ArrayList<>();
        if (cacheName == null) {
            targets.addAll(regions.values());
        } else if (regions.get(cacheName) != null) {
            targets.add(regions.get(cacheName));
        }
        for (Region region : targets) {
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

    private static Duration capped(Region region, Duration wanted) {
        if (wanted == null || wanted.isNegative()) {
            return Duration.ZERO;
        }
        return wanted.compareTo(region.maxTtl()) > 0 ? region.maxTtl() : wanted;
    }

    private Region region(String name) {
        CleverTapConfig.CacheSpec spec = spec(name);
        long maxBytes = spec.maximumBytes().asLongValue();
        // every entry weighs at least this much, so that maximum-size also holds under the weight bound
        long floor = Math.max(1, maxBytes / Math.max(1, spec.maximumSize()));
        AsyncCache<String, CacheEntry> cache = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((String key, CacheEntry entry) -> (int) Math.min(Integer.MAX_VALUE, Math.max(floor, entry.weight)))
                .expireAfter(new KeepUntil())
                .buildAsync();
        boolean twoTiers = shared.enabled();
        Region region = new Region(name, cache, spec.ttl(), spec.staleWhileRevalidate().orElse(null),
                spec.staleIfError().orElse(config.resilience().staleIfError()), new ConcurrentHashMap<>(),
                gets(LOCAL_GETS, name, "hit"), gets(LOCAL_GETS, name, "stale"), gets(LOCAL_GETS, name, "miss"),
                Counter.builder("clevertap.cache.stale.if.error").tag("cache", name)
                        .description("Answers served past their freshness because CleverTap failed").register(registry),
                Counter.builder("clevertap.cache.refreshes").tag("cache", name)
                        .description("Loads of entries past their freshness (one per expired entry)").register(registry),
                twoTiers ? gets(SHARED_GETS, name, "hit") : null, twoTiers ? gets(SHARED_GETS, name, "miss") : null,
                twoTiers ? gets(SHARED_GETS, name, "error") : null, new AtomicLong());
        Gauge.builder("clevertap.cache.size", cache, c -> c.synchronous().estimatedSize()).tag("cache", name)
                .description("Entries held").register(registry);
        Gauge.builder("clevertap.cache.weight", cache,
                c -> c.synchronous().policy().eviction().map(e -> e.weightedSize().orElse(0)).orElse(0L))
                .tag("cache", name).baseUnit("bytes").description("Approximate memory held").register(registry);
        return region;
    }

    private Counter gets(String metric, String cache, String result) {
        return Counter.builder(metric).tag("cache", cache).tag("result", result)
                .description(metric.equals(SHARED_GETS) ? "Shared cache (Redis) lookups after a local miss" : "Cache lookups")
                .register(registry);
    }

    /** What a caller's load consists of: the upstream call, the mapping of its JSON, and the TTL of the value. */
    private record Loading<T>(Supplier<Uni<JsonNode>> loader, Function<JsonNode, T> mapper, Function<T, Duration> ttl) {
    }

    /**
     * One cache: its local tier, its refreshes in flight, its counters (the shared ones null without a shared tier) and
     * an epoch that changes on every invalidation, so that a load that overlapped one does not leave its answer behind.
     */
    private record Region(String name, AsyncCache<String, CacheEntry> cache, Duration maxTtl, Duration revalidateWindow,
            Duration staleIfError, Map<String, CompletableFuture<CacheEntry>> refreshes, Counter hits, Counter stale,
            Counter misses, Counter staleOnError, Counter refreshed, Counter sharedHits, Counter sharedMisses,
            Counter sharedErrors, AtomicLong epoch) {

        /** How long past freshness an entry is answered while refreshing: configured, else its own freshness. */
        Duration staleWhileRevalidate(Duration fresh) {
            return revalidateWindow != null ? revalidateWindow : fresh;
        }
    }

    /** Caffeine drops an entry when it is past even stale-if-error; before that {@link #kept} decides how to serve it. */
    private static final class KeepUntil implements Expiry<String, CacheEntry> {
        @Override
        public long expireAfterCreate(String key, CacheEntry entry, long currentTime) {
            return Math.max(0, entry.keepUntil - currentTime);
        }

        @Override
        public long expireAfterUpdate(String key, CacheEntry entry, long currentTime, long currentDuration) {
            return Math.max(0, entry.keepUntil - currentTime);
        }

        @Override
        public long expireAfterRead(String key, CacheEntry entry, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}
