package dev.ctgraphql.upstream;

import java.time.Duration;
import java.time.LocalDate;

/**
 * How long a cached answer stays fresh: each cache's configured TTL for settled data and live TTL for data that may
 * still change, the choice between them by the last day a query covers, the cap at the configured TTL, and the jitter
 * that keeps entries written together from expiring together.
 */
final class CacheTtls {

    private final CleverTapConfig config;

    CacheTtls(CleverTapConfig config) {
        this.config = config;
    }

    /** The configured TTL of a cache for data that no longer changes. */
    Duration ttl(String cacheName) {
        return spec(cacheName).ttl();
    }

    /** The configured TTL of a cache for data that may still change (defaults to {@link #ttl}). */
    Duration liveTtl(String cacheName) {
        CleverTapConfig.CacheSpec spec = spec(cacheName);
        return spec.liveTtl().orElse(spec.ttl());
    }

    /**
     * The TTL for data about days up to {@code lastDay}: settled ({@link #ttl}) when the last day ended before yesterday
     * in the project's time zone, else still changing ({@link #liveTtl}: today's data, late uploads to yesterday).
     */
    Duration ttlUntil(String cacheName, LocalDate lastDay) {
        LocalDate today = LocalDate.now(config.timeZone());
        return lastDay.isBefore(today.minusDays(1)) ? ttl(cacheName) : liveTtl(cacheName);
    }

    /** A cache's configuration; fails naming the property when the cache has none. */
    CleverTapConfig.CacheSpec spec(String name) {
        CleverTapConfig.CacheSpec spec = config.caches().get(name);
        if (spec == null) {
            throw new IllegalStateException("No configuration for cache '" + name + "' (clevertap.cache." + name + ".ttl)");
        }
        return spec;
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

    /** The TTL a value asked for, at most {@code max}; zero (do not keep) when it asked for none or a negative one. */
    static Duration capped(Duration max, Duration wanted) {
        if (wanted == null || wanted.isNegative()) {
            return Duration.ZERO;
        }
        return wanted.compareTo(max) > 0 ? max : wanted;
    }
}
