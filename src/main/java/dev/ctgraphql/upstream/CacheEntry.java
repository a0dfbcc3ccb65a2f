package dev.ctgraphql.upstream;

import java.time.Duration;

/**
 * One answer held by {@link ResponseCache}, and the times (in {@link System#nanoTime()}) that decide how it may be
 * served: fresh until {@code freshUntil}; then answered at once while one call refreshes it until
 * {@code revalidateUntil}; then answered only when CleverTap fails, until {@code keepUntil}, when it is dropped.
 */
final class CacheEntry {

    final Object value;
    /** Freshness; zero means "do not keep" (e.g. a count still running). */
    final Duration ttl;
    /** Approximate bytes held, for the caches' memory bound. */
    final int weight;
    final long loadedAt;
    /** When this replica stored it (a copy of a shared entry may have been loaded earlier). */
    final long storedAt;
    final long freshUntil;
    final long revalidateUntil;
    final long keepUntil;
    /** Error code of the last failed refresh, null when none failed since it was loaded. */
    private volatile String refreshFailure;

    CacheEntry(Object value, Duration ttl, int weight, long loadedAt, Duration staleWhileRevalidate,
            Duration staleIfError) {
        this.value = value;
        this.ttl = ttl;
        this.weight = weight;
        this.loadedAt = loadedAt;
        long now = System.nanoTime();
        this.storedAt = now;
        this.freshUntil = now + ttl.toNanos();
        this.revalidateUntil = ttl.isZero() ? freshUntil : freshUntil + staleWhileRevalidate.toNanos();
        this.keepUntil = ttl.isZero()
                ? freshUntil
                : freshUntil + Math.max(staleWhileRevalidate.toNanos(), staleIfError.toNanos());
    }

    boolean kept() {
        return !ttl.isZero();
    }

    boolean freshAt(long now) {
        return now - freshUntil < 0;
    }

    /** Whether it was stored here less than {@code limit} ago. */
    boolean storedWithin(long now, Duration limit) {
        return now - storedAt < limit.toNanos();
    }

    boolean revalidatableAt(long now) {
        return now - revalidateUntil < 0;
    }

    boolean keptAt(long now) {
        return now - keepUntil < 0;
    }

    Duration age(long now) {
        return Duration.ofNanos(Math.max(0, now - loadedAt));
    }

    String refreshFailure() {
        return refreshFailure;
    }

    void refreshFailed(String code) {
        refreshFailure = code;
    }
}
