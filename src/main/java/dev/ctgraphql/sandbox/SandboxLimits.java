package dev.ctgraphql.sandbox;

import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

/** CleverTap's per-account limits on concurrent in-flight requests: 15 for uploads, 3 shared by every other API. */
@ApplicationScoped
class SandboxLimits {

    /** The two classes of APIs CleverTap limits separately. */
    enum Kind {
        UPLOAD(15), OTHER(3);

        final int max;

        Kind(int max) {
            this.max = max;
        }

        String label() {
            return name().toLowerCase();
        }
    }

    private final AtomicInteger[] inFlight = {new AtomicInteger(), new AtomicInteger()};
    private final AtomicInteger[] peak = {new AtomicInteger(), new AtomicInteger()};

    /** Takes a slot, or answers false when the class is already at CleverTap's limit. */
    boolean tryAcquire(Kind kind) {
        AtomicInteger counter = inFlight[kind.ordinal()];
        while (true) {
            int current = counter.get();
            if (current >= kind.max) {
                return false;
            }
            if (counter.compareAndSet(current, current + 1)) {
                peak[kind.ordinal()].accumulateAndGet(current + 1, Math::max);
                return true;
            }
        }
    }

    void release(Kind kind) {
        inFlight[kind.ordinal()].decrementAndGet();
    }

    int inFlight(Kind kind) {
        return inFlight[kind.ordinal()].get();
    }

    int peak(Kind kind) {
        return peak[kind.ordinal()].get();
    }

    /** Peaks restart from what is in flight now. */
    void resetPeaks() {
        for (Kind kind : Kind.values()) {
            peak[kind.ordinal()].set(inFlight(kind));
        }
    }
}
