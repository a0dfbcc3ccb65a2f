package dev.ctgraphql.upstream;

import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.util.TypeLiteral;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.smallrye.mutiny.Uni;

/**
 * The circuit breaker in front of CleverTap, one per process, a SmallRye Fault Tolerance guard shared by every call:
 * after {@code failure-threshold} consecutive attempts that got no answer or a 5xx it opens, and calls fail at once
 * instead of each waiting out a timeout; after {@code open-for} one probe call is let through (half open) and its
 * outcome closes or reopens it. Any answer that is not a 5xx (including 4xx and 429) shows that CleverTap is there, so
 * it counts as a success.
 */
@ApplicationScoped
public class UpstreamCircuit {

    private static final Logger LOG = Logger.getLogger(UpstreamCircuit.class);
    /** The breaker's name in SmallRye Fault Tolerance's {@link CircuitBreakerMaintenance}. */
    static final String NAME = "clevertap";

    /** Where the circuit is; the ordinal is the value of the {@code clevertap.circuit.state} gauge. */
    public enum State {
        CLOSED, HALF_OPEN, OPEN
    }

    private final TypedGuard<Uni<CleverTapResponse>> guard;
    private final int threshold;
    private final long openForMillis;
    private final MeterRegistry registry;
    /** The last state the guard reported, to tell a tripped circuit from a failed probe in the log. */
    private final AtomicReference<State> last = new AtomicReference<>(State.CLOSED);

    UpstreamCircuit(CleverTapConfig config, MeterRegistry registry) {
        this.threshold = Math.max(1, config.resilience().circuit().failureThreshold());
        this.openForMillis = config.resilience().circuit().openFor().toMillis();
        this.registry = registry;
        Counter refused = Counter.builder("clevertap.circuit.refused")
                .description("Calls to CleverTap refused at once because the circuit was open").register(registry);
        // N consecutive failures: a window of the last N attempts that opens only when all N failed
        this.guard = TypedGuard.create(new TypeLiteral<Uni<CleverTapResponse>>() {
        }).withDescription("CleverTap").withThreadOffload(false)
                .withCircuitBreaker().name(NAME)
                .requestVolumeThreshold(threshold).failureRatio(1.0).successThreshold(1)
                .delay(openForMillis, ChronoUnit.MILLIS)
                .onStateChange(this::moved).onPrevented(refused::increment)
                .done().build();
        Gauge.builder("clevertap.circuit.state", this, c -> c.state().ordinal())
                .description("Circuit breaker in front of CleverTap: 0 closed, 1 half open (the next call probes), 2 open")
                .register(registry);
    }

    /**
     * Sends one attempt unless the circuit is open. The attempt fails when CleverTap did not answer; an answer with a
     * 5xx is returned as it is and counts as a failure, any other answer as a success.
     */
    Uni<CleverTapResponse> send(Endpoint endpoint, Supplier<Uni<CleverTapResponse>> attempt) {
        return Uni.createFrom()
                .deferred(() -> guard.get(() -> attempt.get().onItem().transformToUni(answer -> answer.httpStatus() >= 500
                        ? Uni.createFrom().failure(new ServerFailure(answer))
                        : Uni.createFrom().item(answer))))
                .onFailure(ServerFailure.class).recoverWithItem(failure -> ((ServerFailure) failure).answer)
                .onFailure(CircuitBreakerOpenException.class)
                .transform(open -> new CleverTapCircuitOpenException(
                        "CleverTap is failing; the " + endpoint.name() + " request was not sent, retry later"));
    }

    /** Where the circuit is now. */
    public State state() {
        return switch (CircuitBreakerMaintenance.get().currentState(NAME)) {
            case CLOSED -> State.CLOSED;
            case HALF_OPEN -> State.HALF_OPEN;
            case OPEN -> State.OPEN;
        };
    }

    /** Back to closed with no failures counted (tests that injected faults). */
    public void reset() {
        CircuitBreakerMaintenance.get().reset(NAME);
        last.set(State.CLOSED);
    }

    private void moved(CircuitBreakerState to) {
        State now = State.valueOf(to.name());
        State before = last.getAndSet(now);
        if (now == State.OPEN && before == State.CLOSED) {
            LOG.warnf("CleverTap failed %d times in a row: circuit open, calls fail at once for %d ms", threshold,
                    openForMillis);
        } else if (now == State.CLOSED) {
            LOG.info("CleverTap answers again: circuit closed");
        }
        Counter.builder("clevertap.circuit.transitions").description("Circuit breaker state changes")
                .tag("to", now.name().toLowerCase(Locale.ROOT)).register(registry).increment();
    }

    /** A 5xx answer carried through the guard as a failure, and handed back as the answer once counted. */
    private static final class ServerFailure extends RuntimeException {

        private static final long serialVersionUID = 1L;
        private final transient CleverTapResponse answer;

        ServerFailure(CleverTapResponse answer) {
            super(null, null, false, false);
            this.answer = answer;
        }
    }
}
