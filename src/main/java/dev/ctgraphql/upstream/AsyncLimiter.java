package dev.ctgraphql.upstream;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * A non-blocking, first-come-first-served semaphore: at most {@code permits} operations run at once, the rest wait in
 * order without holding a thread. A waiter that is cancelled gives its place (or its permit) back. A waiter resumes on
 * the Vert.x context it queued on, not on the one of the request that freed the permit. At most {@code maxQueued} wait:
 * one more fails at once with {@link CleverTapQueueFullException} and its operation is never started (a queued upload
 * chunk holds its whole body).
 */
public final class AsyncLimiter {

    private final String name;
    private final int permits;
    private final int maxQueued;
    private final Deque<Waiter> waiters = new ArrayDeque<>();
    private int inUse;
    private int peak;

    public AsyncLimiter(String name, int permits, int maxQueued) {
        if (permits < 1) {
            throw new IllegalArgumentException("limiter " + name + " needs at least one permit");
        }
        if (maxQueued < 0) {
            throw new IllegalArgumentException("limiter " + name + " needs a queue bound of zero or more");
        }
        this.name = name;
        this.permits = permits;
        this.maxQueued = maxQueued;
    }

    /**
     * Waits for a permit, first come first served; the caller releases it when its operation ends. A waiter that gives up
     * (is cancelled) leaves the queue, or gives back the permit it was just granted.
     */
    public Uni<Permit> acquire() {
        return Uni.createFrom().<Waiter>emitter(this::enqueue).map(waiter -> {
            waiter.started = true;
            return waiter;
        });
    }

    /** Runs {@code operation} once a permit is free, and frees it when the operation ends, fails or is cancelled. */
    public <T> Uni<T> run(Supplier<Uni<T>> operation) {
        return acquire().onItem().transformToUni(
                permit -> Uni.createFrom().deferred(operation::get).onTermination().invoke(permit::release));
    }

    private void enqueue(UniEmitter<? super Waiter> emitter) {
        Waiter waiter = new Waiter(emitter);
        emitter.onTermination(() -> abandon(waiter));
        boolean granted;
        boolean full = false;
        synchronized (this) {
            granted = inUse < permits;
            if (granted) {
                inUse++;
                peak = Math.max(peak, inUse);
                waiter.granted = true;
            } else if (waiters.size() >= maxQueued) {
                full = true;
            } else {
                waiters.addLast(waiter);
            }
        }
        if (granted) {
            emitter.complete(waiter);
        } else if (full) {
            emitter.fail(new CleverTapQueueFullException("More than " + maxQueued + " " + name
                    + " requests are already waiting for CleverTap; nothing was sent, retry later"));
        }
    }

    /** Called when a waiter's subscription ends for any reason; returns what it holds if it never started. */
    private void abandon(Waiter waiter) {
        boolean release;
        synchronized (this) {
            if (!waiter.granted) {
                waiters.remove(waiter);
                return;
            }
            release = !waiter.started;
            waiter.started = true;
        }
        if (release) {
            release();
        }
    }

    private void release() {
        Waiter next;
        synchronized (this) {
            next = waiters.pollFirst();
            if (next == null) {
                inUse--;
                return;
            }
            // the permit passes straight to the next waiter: inUse stays the same
            next.granted = true;
        }
        next.resume();
    }

    public String name() {
        return name;
    }

    public int permits() {
        return permits;
    }

    public synchronized int inUse() {
        return inUse;
    }

    public synchronized int queued() {
        return waiters.size();
    }

    /** Highest number of operations seen running at once. */
    public synchronized int peak() {
        return peak;
    }

    private final class Waiter implements Permit {
        final UniEmitter<? super Waiter> emitter;
        final AtomicBoolean released = new AtomicBoolean();
        /** The Vert.x context the waiter queued on, so its request's logging context and trace stay with it. */
        final Context context = Vertx.currentContext();
        volatile boolean granted;
        volatile boolean started;

        Waiter(UniEmitter<? super Waiter> emitter) {
            this.emitter = emitter;
        }

        @Override
        public void release() {
            if (released.compareAndSet(false, true)) {
                AsyncLimiter.this.release();
            }
        }

        /** Lets the waiter go, on its own context when it has one (the permit may be freed by another request). */
        void resume() {
            if (context == null || context == Vertx.currentContext()) {
                emitter.complete(this);
            } else {
                context.runOnContext(ignored -> emitter.complete(this));
            }
        }
    }
}
