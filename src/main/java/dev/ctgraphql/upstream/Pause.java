package dev.ctgraphql.upstream;

import java.time.Duration;

import io.smallrye.mutiny.Uni;

/**
 * A pause before the next step that is safe on a Vert.x event loop: Quarkus schedules Mutiny's delays there as Vert.x
 * timers, which take whole milliseconds and refuse less than one (a 0.4 ms delay failed the request with an
 * {@code IllegalArgumentException}). Positive durations are rounded up, so a pause is never shorter than asked.
 */
public final class Pause {

    private static final Uni<Void> NONE = Uni.createFrom().voidItem();

    private Pause() {
    }

    /** Completes after {@code duration}, rounded up to whole milliseconds; at once when it is zero or negative. */
    public static Uni<Void> of(Duration duration) {
        if (duration.isZero() || duration.isNegative()) {
            return NONE;
        }
        return NONE.onItem().delayIt().by(Duration.ofMillis(wholeMillis(duration)));
    }

    /** {@code duration} in milliseconds, rounded up; at least 1 for any positive duration. */
    static long wholeMillis(Duration duration) {
        long nanos = duration.toNanos();
        return nanos / 1_000_000 + (nanos % 1_000_000 == 0 ? 0 : 1);
    }
}
