package dev.ctgraphql.upstream;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The circuit breaker in front of CleverTap, one per process: after {@code failure-threshold} consecutive attempts that
 * got no answer or a 5xx it opens, and calls fail at once instead of each waiting out a timeout; after
 * {@code open-for} one probe call is let through (half open) and its outcome closes or reopens it. Any answer that is
 * not a 5xx (including 4xx and 429) shows that CleverTap is there, so it counts as a success.
 */
@ApplicationScoped
public class UpstreamCircuit {

    private static final Logger LOG = Logger.getLogger(UpstreamCircuit.class);

    /** Where the circuit is; the ordinal is the value of the {@code clevertap.circuit.state} gauge. */
    public enum State {
        CLOSED, HALF_OPEN, OPEN
    }

    private final int threshold;
    private final long openForNanos;
    private final AtomicReference<State> state = new AtomicReference<>(State.CLOSED);
    private final AtomicInteger consecutiveFailures = new AtomicInteger();
    private final Counter refused;
    private final MeterRegistry registry;
    private volatile long openedAt;

    UpstreamCircuit(CleverTapConfig config, MeterRegistry registry) {
        this.threshold = Math.max(1, config.resilience().circuit().failureThreshold());
        this.openForNanos = config.resilience().circuit().openFor().toNanos();
        this.registry = registry;
        Gauge.builder("clevertap.circuit.state", state, s -> s.get().ordinal())
                .description("Circuit breaker in front of CleverTap: 0 closed, 1 half open (probing), 2 open")
                .register(registry);
        this.refused = Counter.builder("clevertap.circuit.refused")
                .description("Calls to CleverTap refused at once because the circuit was open").register(registry);
    }

    /** Whether a call may be sent now; when the open time has passed, the first caller becomes the probe. */
    boolean allow() {
        State current = state.get();
        if (current == State.CLOSED) {
            return true;
        }
        if (current == State.OPEN && System.nanoTime() - openedAt >= openForNanos
                && state.compareAndSet(State.OPEN, State.HALF_OPEN)) {
            moved(State.HALF_OPEN);
            return true;
        }
        refused.increment();
        return false;
    }

    /** CleverTap answered (anything but a 5xx). */
    void succeeded() {
        consecutiveFailures.set(0);
        State previous = state.getAndSet(State.CLOSED);
        if (previous != State.CLOSED) {
            LOG.info("CleverTap answers again: circuit closed");
            moved(State.CLOSED);
        }
    }

    /** CleverTap did not answer, timed out or answered a 5xx. */
    void failed() {
        int failures = consecutiveFailures.incrementAndGet();
        boolean probeFailed = state.compareAndSet(State.HALF_OPEN, State.OPEN);
        boolean tripped = !probeFailed && failures >= threshold && state.compareAndSet(State.CLOSED, State.OPEN);
        if (probeFailed || tripped) {
            openedAt = System.nanoTime();
            if (tripped) {
                LOG.warnf("CleverTap failed %d times in a row: circuit open, calls fail at once for %d ms", failures,
                        openForNanos / 1_000_000);
            }
            moved(State.OPEN);
        }
    }

    /** Where the circuit is now. */
    public State state() {
        return state.get();
    }

    /** Back to closed with no failures counted (tests that injected faults). */
    public void reset() {
        consecutiveFailures.set(0);
        state.set(State.CLOSED);
    }

    private void moved(State to) {
        Counter.builder("clevertap.circuit.transitions").description("Circuit breaker state changes")
                .tag("to", to.name().toLowerCase(java.util.Locale.ROOT)).register(registry).increment();
    }
}
