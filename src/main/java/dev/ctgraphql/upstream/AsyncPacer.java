package dev.ctgraphql.upstream;

import java.time.Duration;
import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;

/** Spaces operations at least {@code 1/rate} apart without holding a thread, for CleverTap's per-second limits. */
public final class AsyncPacer {

    private final long intervalNanos;
    private long nextSlot;

    public AsyncPacer(double perSecond) {
        this.intervalNanos = (long) (1_000_000_000L / perSecond);
        this.nextSlot = System.nanoTime();
    }

    /** Runs {@code operation} in the next free slot. */
    public <T> Uni<T> run(Supplier<Uni<T>> operation) {
        long wait;
        synchronized (this) {
            long now = System.nanoTime();
            long slot = Math.max(now, nextSlot);
            nextSlot = slot + intervalNanos;
            wait = slot - now;
        }
        Uni<T> deferred = Uni.createFrom().deferred(operation::get);
        return wait <= 0
                ? deferred
                : Pause.of(Duration.ofNanos(wait)).chain(() -> deferred);
    }
}
