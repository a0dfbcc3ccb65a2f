package dev.ctgraphql.upstream;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;

/**
 * The read caches in front of CleverTap, one per kind of data, each bounded in size and with a time to live that may
 * be chosen per entry (a finished day's count lives longer than today's).
 *
 * <p>
 * Concurrent identical misses share one upstream call: the first caller's load is stored as an in-flight future that
 * later callers join. A load that fails is not kept. A caller that gives up does not cancel the shared load.
 */
@ApplicationScoped
public class ResponseCache {

    private final CleverTapConfig config;
    private final MeterRegistry registry;
    private final Map<String, Region> regions = new ConcurrentHashMap<>();

    ResponseCache(CleverTapConfig config, MeterRegistry registry) {
        this.config = config;
        this.registry = registry;
    }

    /**
     * The cached value for {@code key} in cache {@code cacheName}, or the value {@code loader} produces, kept for
     * {@code ttl.apply(value)} (at most the cache's configured TTL; zero means "do not keep").
     */
    public <T> Uni<T> get(String cacheName, String key, Supplier<Uni<T>> loader, Function<T, Duration> ttl) {
        Region region = regions.computeIfAbsent(cacheName, this::region);
        AtomicBoolean loaded = new AtomicBoolean();
        CompletableFuture<Entry> future = region.cache.get(key, (k, executor) -> {
            loaded.set(true);
            return Uni.createFrom().deferred(loader::get)
                    .map(value -> new Entry(value, capped(region, ttl.apply(value))))
                    .subscribeAsCompletionStage();
        });
        (loaded.get() ? region.misses : region.hits).increment();
        // a dependent stage: cancelling one caller must not cancel the load the others wait for
        CompletableFuture<Entry> mine = future.thenApply(Function.identity());
        return Uni.createFrom().completionStage(mine).map(entry -> {
            @SuppressWarnings("unchecked")
            T value = (T) entry.value;
            return value;
        });
    }

    /** Same as {@link #get(String, String, Supplier, Function)} with the cache's configured TTL for every entry. */
    public <T> Uni<T> get(String cacheName, String key, Supplier<Uni<T>> loader) {
        return get(cacheName, key, loader, value -> Duration.ofDays(36500));
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

    /** Drops one entry, e.g. after a write made it stale. */
    public void invalidate(String cacheName, String key) {
        Region region = regions.get(cacheName);
        if (region != null) {
            region.cache.synchronous().invalidate(key);
        }
    }

    /** Drops every entry of one cache. */
    public void invalidateAll(String cacheName) {
        Region region = regions.get(cacheName);
        if (region != null) {
            region.cache.synchronous().invalidateAll();
        }
    }

    /** Drops every entry of every cache (tests, operators). */
    public void clear() {
        regions.values().forEach(r -> r.cache.synchronous().invalidateAll());
    }

    /** Number of entries held by a cache (approximate). */
    public long size(String cacheName) {
        Region region = regions.get(cacheName);
        return region == null ? 0 : region.cache.synchronous().estimatedSize();
    }

    private static Duration capped(Region region, Duration wanted) {
        if (wanted == null || wanted.isNegative()) {
            return Duration.ZERO;
        }
        return wanted.compareTo(region.maxTtl) > 0 ? region.maxTtl : wanted;
    }

    private Region region(String name) {
        CleverTapConfig.CacheSpec spec = spec(name);
        AsyncCache<String, Entry> cache = Caffeine.newBuilder()
                .maximumSize(spec.maximumSize())
                .expireAfter(new PerEntryTtl())
                .buildAsync();
        Region region = new Region(cache, spec.ttl(),
                Counter.builder("clevertap.cache.gets").tag("cache", name).tag("result", "hit")
                        .description("Cache lookups").register(registry),
                Counter.builder("clevertap.cache.gets").tag("cache", name).tag("result", "miss")
                        .description("Cache lookups").register(registry));
        Gauge.builder("clevertap.cache.size", cache, c -> c.synchronous().estimatedSize()).tag("cache", name)
                .description("Entries held").register(registry);
        return region;
    }

    private record Entry(Object value, Duration ttl) {
    }

    private record Region(AsyncCache<String, Entry> cache, Duration maxTtl, Counter hits, Counter misses) {
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
