package dev.ctgraphql.upstream;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
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
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * The read caches in front of CleverTap, one per kind of data, each bounded in size and with a time to live that may
 * be chosen per entry (a finished day's count lives longer than today's).
 *
 * <p>
 * Two tiers: a local one in memory holding ready domain values, and, when {@code clevertap.shared-cache.redis-url} is
 * set, a shared one in Redis ({@link RedisTier}) holding CleverTap's answers as JSON, so that what one replica fetched
 * the others serve. A loader therefore produces JSON (CleverTap's answer, or a small JSON the client builds from it)
 * and a mapper turns that JSON into the value callers get; lookups go local, then shared, then CleverTap. Values whose
 * TTL is zero (e.g. a count still running) are never shared; a local copy of a shared entry lives no longer than the
 * shared entry. Invalidations drop both tiers, and the other replicas' local copies too.
 *
 * <p>
 * Concurrent identical misses share one load (shared tier and upstream call): the first caller's load is stored as an
 * in-flight future that later callers join. A load that fails is not kept. A caller that gives up does not cancel the
 * shared load. An answer loaded while the same cache was invalidated is not written to the shared tier, so that a
 * write never leaves a stale answer there.
 */
@ApplicationScoped
public class ResponseCache {

    private static final Logger LOG = Logger.getLogger(ResponseCache.class);
    /** Lookups in the local tier, by cache and result (hit, miss). */
    private static final String LOCAL_GETS = "clevertap.cache.gets";
    /** Lookups in the shared tier after a local miss, by cache and result (hit, miss, error). */
    private static final String SHARED_GETS = "clevertap.cache.shared.gets";

    private final CleverTapConfig config;
    private final MeterRegistry registry;
    private final RedisTier shared;
    private final ObjectMapper mapper;
    private final Map<String, Region> regions = new ConcurrentHashMap<>();

    ResponseCache(CleverTapConfig config, MeterRegistry registry, RedisTier shared, ObjectMapper mapper) {
        this.config = config;
        this.registry = registry;
        this.shared = shared;
        this.mapper = mapper;
        shared.listen(this::dropLocal);
    }

    /**
     * The cached value for {@code key} in cache {@code cacheName}, or {@code mapper} applied to the JSON that
     * {@code loader} produces, kept for {@code ttl.apply(value)} (at most the cache's configured TTL; zero means "do not
     * keep").
     */
    public <T> Uni<T> get(String cacheName, String key, Supplier<Uni<JsonNode>> loader, Function<JsonNode, T> mapper,
            Function<T, Duration> ttl) {
        Region region = regions.computeIfAbsent(cacheName, this::region);
        AtomicBoolean loaded = new AtomicBoolean();
        CompletableFuture<Entry> future = region.cache().get(key, (k, executor) -> {
            loaded.set(true);
            return load(region, k, loader, mapper, ttl).subscribeAsCompletionStage();
        });
        (loaded.get() ? region.misses() : region.hits()).increment();
        // a dependent stage: cancelling one caller must not cancel the load the others wait for
        CompletableFuture<Entry> mine = future.thenApply(Function.identity());
        Uni<Entry> answer = Uni.createFrom().completionStage(mine);
        Context caller = Vertx.currentContext();
        if (!mine.isDone() && caller != null) {
            // a caller that joined another request's load resumes on its own context (its logs, its trace)
            answer = answer.emitOn(task -> caller.runOnContext(ignored -> task.run()));
        }
        return answer.map(entry -> {
            @SuppressWarnings("unchecked")
            T value = (T) entry.value;
            return value;
        });
    }

    /** Same as {@link #get(String, String, Supplier, Function, Function)} with the cache's configured TTL for every entry. */
    public <T> Uni<T> get(String cacheName, String key, Supplier<Uni<JsonNode>> loader, Function<JsonNode, T> mapper) {
        return get(cacheName, key, loader, mapper, value -> Duration.ofDays(36500));
    }

    private <T> Uni<Entry> load(Region region, String key, Supplier<Uni<JsonNode>> loader, Function<JsonNode, T> mapper,
            Function<T, Duration> ttl) {
        if (!shared.enabled()) {
            return Uni.createFrom().deferred(loader::get).map(json -> {
                T value = mapper.apply(json);
                return new Entry(value, capped(region, ttl.apply(value)));
            });
        }
        long epoch = region.epoch().get();
        String sharedKey = shared.key(region.name(), key);
        return shared.get(sharedKey).chain(lookup -> {
            Entry found = lookup.status() == RedisTier.Status.HIT ? fromShared(region, lookup, mapper, ttl) : null;
            Counter counter = found != null
                    ? region.sharedHits()
                    : lookup.status() == RedisTier.Status.ERROR ? region.sharedErrors() : region.sharedMisses();
            counter.increment();
            if (found != null) {
                return Uni.createFrom().item(found);
            }
            return Uni.createFrom().deferred(loader::get).chain(json -> {
                T value = mapper.apply(json);
                Entry entry = new Entry(value, capped(region, ttl.apply(value)));
                if (entry.ttl.isZero() || region.epoch().get() != epoch) {
                    return Uni.createFrom().item(entry);
                }
                // an invalidation may have been sent while the answer was on its way to Redis: take it out again
                return shared.put(sharedKey, json.toString(), entry.ttl)
                        .chain(() -> region.epoch().get() == epoch ? Uni.createFrom().voidItem() : shared.remove(sharedKey))
                        .replaceWith(entry);
            });
        });
    }

    /** An entry read from the shared tier, kept locally no longer than it remains there; null when it cannot be read. */
    private <T> Entry fromShared(Region region, RedisTier.Lookup lookup, Function<JsonNode, T> mapper,
            Function<T, Duration> ttl) {
        try {
            T value = mapper.apply(this.mapper.readTree(lookup.json()));
            Duration local = capped(region, ttl.apply(value));
            if (lookup.ttlMillis() != -1) {
                Duration remaining = Duration.ofMillis(Math.max(0, lookup.ttlMillis()));
                local = remaining.compareTo(local) < 0 ? remaining : local;
            }
            return new Entry(value, local);
        } catch (Exception e) {
            LOG.debugf("Unreadable shared cache entry in %s, loading it again: %s", region.name(),
                    e.getClass().getSimpleName());
            return null;
        }
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

    /** Drops local entries: some keys of a cache, a whole cache (keys null), or everything (cache null). */
    private void dropLocal(String cacheName, List<String> keys) {
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
        AsyncCache<String, Entry> cache = Caffeine.newBuilder()
                .maximumSize(spec.maximumSize())
                .expireAfter(new PerEntryTtl())
                .buildAsync();
        boolean twoTiers = shared.enabled();
        Region region = new Region(name, cache, spec.ttl(), gets(LOCAL_GETS, name, "hit"), gets(LOCAL_GETS, name, "miss"),
                twoTiers ? gets(SHARED_GETS, name, "hit") : null, twoTiers ? gets(SHARED_GETS, name, "miss") : null,
                twoTiers ? gets(SHARED_GETS, name, "error") : null, new AtomicLong());
        Gauge.builder("clevertap.cache.size", cache, c -> c.synchronous().estimatedSize()).tag("cache", name)
                .description("Entries held").register(registry);
        return region;
    }

    private Counter gets(String metric, String cache, String result) {
        return Counter.builder(metric).tag("cache", cache).tag("result", result)
                .description(metric.equals(SHARED_GETS) ? "Shared cache (Redis) lookups after a local miss" : "Cache lookups")
                .register(registry);
    }

    private record Entry(Object value, Duration ttl) {
    }

    /**
     * One cache: its local tier, its counters (the shared ones null without a shared tier) and an epoch that changes on
     * every invalidation, so that a load that overlapped one does not leave its answer in the shared tier.
     */
    private record Region(String name, AsyncCache<String, Entry> cache, Duration maxTtl, Counter hits, Counter misses,
            Counter sharedHits, Counter sharedMisses, Counter sharedErrors, AtomicLong epoch) {
    }

    private static final class PerEntryTtl implements Expiry<String, Entry> {
        @Override
        public long expireAfterCreate(String key, Entry entry, long currentTime) {
            return entry.ttl.toNanos();
        }

        @Override
        public long expireAfterUpdate(String key, Entry entry, long currentTime, long currentDuration) {
            return entry.ttl.toNanos();
        }

        @Override
        public long expireAfterRead(String key, Entry entry, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}
