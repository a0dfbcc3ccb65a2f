package dev.ctgraphql.upstream;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * One cache of {@link ResponseCache}: its local tier (bounded in entries and approximate bytes), its refreshes in
 * flight, its counters (the shared ones null without a shared tier) and an epoch that changes on every invalidation, so
 * that a load that overlapped one does not leave its answer behind.
 */
record CacheRegion(String name, AsyncCache<String, CacheEntry> cache, Duration maxTtl, Duration revalidateWindow,
        Duration staleIfError, Map<String, CompletableFuture<CacheEntry>> refreshes, Counter hits, Counter stale,
        Counter misses, Counter staleOnError, Counter refreshed, Counter sharedHits, Counter sharedMisses,
        Counter sharedErrors, AtomicLong epoch) {

    /** Lookups in the local tier, by cache and result (hit, stale: answered while refreshing, miss). */
    private static final String LOCAL_GETS = "clevertap.cache.gets";
    /** Lookups in the shared tier after a local miss, by cache and result (hit, miss, error). */
    private static final String SHARED_GETS = "clevertap.cache.shared.gets";

    /** A new region configured by {@code spec}, its meters registered in {@code registry}. */
    static CacheRegion create(String name, CleverTapConfig.CacheSpec spec, Duration defaultStaleIfError,
            boolean twoTiers, MeterRegistry registry) {
        long maxBytes = spec.maximumBytes().asLongValue();
        // every entry weighs at least this much, so that maximum-size also holds under the weight bound
        long floor = Math.max(1, maxBytes / Math.max(1, spec.maximumSize()));
        AsyncCache<String, CacheEntry> cache = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((String key, CacheEntry entry) -> (int) Math.min(Integer.MAX_VALUE, Math.max(floor, entry.weight)))
                .expireAfter(new KeepUntil())
                // upkeep (draining the read buffer, expiring) on the calling thread: handing it to the common pool
                // wakes a thread far more often than the upkeep costs (a campaign list reads a report per campaign)
                .executor(Runnable::run)
                .buildAsync();
        CacheRegion region = new CacheRegion(name, cache, spec.ttl(), spec.staleWhileRevalidate().orElse(null),
                spec.staleIfError().orElse(defaultStaleIfError), new ConcurrentHashMap<>(),
                gets(registry, LOCAL_GETS, name, "hit"), gets(registry, LOCAL_GETS, name, "stale"),
                gets(registry, LOCAL_GETS, name, "miss"),
                Counter.builder("clevertap.cache.stale.if.error").tag("cache", name)
                        .description("Answers served past their freshness because CleverTap failed").register(registry),
                Counter.builder("clevertap.cache.refreshes").tag("cache", name)
                        .description("Loads of entries past their freshness (one per expired entry)").register(registry),
                twoTiers ? gets(registry, SHARED_GETS, name, "hit") : null,
                twoTiers ? gets(registry, SHARED_GETS, name, "miss") : null,
                twoTiers ? gets(registry, SHARED_GETS, name, "error") : null, new AtomicLong());
        Gauge.builder("clevertap.cache.size", cache, c -> c.synchronous().estimatedSize()).tag("cache", name)
                .description("Entries held").register(registry);
        Gauge.builder("clevertap.cache.weight", cache,
                c -> c.synchronous().policy().eviction().map(e -> e.weightedSize().orElse(0)).orElse(0L))
                .tag("cache", name).baseUnit("bytes").description("Approximate memory held").register(registry);
        return region;
    }

    /** How long past freshness an entry is answered while refreshing: configured, else its own freshness. */
    Duration staleWhileRevalidate(Duration fresh) {
        return revalidateWindow != null ? revalidateWindow : fresh;
    }

    private static Counter gets(MeterRegistry registry, String metric, String cache, String result) {
        return Counter.builder(metric).tag("cache", cache).tag("result", result)
                .description(metric.equals(SHARED_GETS) ? "Shared cache (Redis) lookups after a local miss" : "Cache lookups")
                .register(registry);
    }

    /** Caffeine drops an entry when it is past even stale-if-error; before that {@link ResponseCache} decides how to serve it. */
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
