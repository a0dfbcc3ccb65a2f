package dev.ctgraphql.sandbox;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import dev.ctgraphql.upstream.CleverTapConfig;

/** The sandbox's injected latency and faults: configured by {@code clevertap.sandbox.*}, overridable at run time by tests. */
@ApplicationScoped
public class SandboxFaults {

    private final CleverTapConfig config;
    private final AtomicInteger forcedLeft = new AtomicInteger();
    private volatile Duration latency;
    private volatile Double faultRate;
    private volatile Double storedThenFailRate;
    private volatile int forcedStatus = 503;

    SandboxFaults(CleverTapConfig config) {
        this.config = config;
    }

    /** Latency added to every answer from now on, instead of {@code clevertap.sandbox.latency}. */
    public void setLatency(Duration latency) {
        if (latency == null || latency.isNegative()) {
            throw new IllegalArgumentException("latency must be zero or positive");
        }
        this.latency = latency;
    }

    /** Fraction (0..1) of requests answered 429 or 503 from now on, instead of {@code clevertap.sandbox.fault-rate}. */
    public void setFaultRate(double rate) {
        if (rate < 0 || rate > 1) {
            throw new IllegalArgumentException("fault rate must be between 0 and 1");
        }
        this.faultRate = rate;
    }

    /**
     * Fraction (0..1) of uploads that are stored and then answered HTTP 500 from now on, instead of
     * {@code clevertap.sandbox.stored-then-fail-rate}: the answer a client cannot tell from a refusal.
     */
    public void setStoredThenFailRate(double rate) {
        if (rate < 0 || rate > 1) {
            throw new IllegalArgumentException("stored-then-fail rate must be between 0 and 1");
        }
        this.storedThenFailRate = rate;
    }

    /** Answers the next {@code count} authenticated requests with {@code httpStatus} (429, 500 or 503) and does nothing else. */
    public void failNext(int count, int httpStatus) {
        if (httpStatus != 429 && httpStatus != 500 && httpStatus != 503) {
            throw new IllegalArgumentException("only 429, 500 and 503 can be injected");
        }
        forcedStatus = httpStatus;
        forcedLeft.set(count);
    }

    /** Back to the configured latency and fault rate, with no forced faults pending. */
    public void reset() {
        latency = null;
        faultRate = null;
        storedThenFailRate = null;
        forcedLeft.set(0);
    }

    Duration latency() {
        Duration override = latency;
        return override != null ? override : config.sandbox().latency();
    }

    /** The fault answer for this request, or null when it is to be served normally. */
    Response nextFault() {
        if (forcedLeft.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
            return answer(forcedStatus);
        }
        Double override = faultRate;
        double rate = override != null ? override : config.sandbox().faultRate();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        if (rate > 0 && random.nextDouble() < rate) {
            return answer(random.nextBoolean() ? 429 : 503);
        }
        return null;
    }

    /** Whether this upload, already stored, is to be answered with a failure (see {@link #setStoredThenFailRate}). */
    boolean failAfterStoring() {
        Double override = storedThenFailRate;
        double rate = override != null ? override : config.sandbox().storedThenFailRate();
        return rate > 0 && ThreadLocalRandom.current().nextDouble() < rate;
    }

    /** The answer to an upload that was stored but whose answer "failed". */
    static Response storedButFailed() {
        return answer(500);
    }

    static Response tooManyConcurrent() {
        return SandboxJson.fail(429, "Too many concurrent requests", 429);
    }

    private static Response answer(int status) {
        return switch (status) {
            case 429 -> tooManyConcurrent();
            case 500 -> SandboxJson.fail(500, "Internal server error", 500);
            default -> SandboxJson.fail(503, "Service unavailable, retry later", 503);
        };
    }
}
