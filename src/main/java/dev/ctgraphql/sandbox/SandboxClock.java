package dev.ctgraphql.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

/** The sandbox's "now", which tests may move forward (e.g. to let a new campaign complete). */
@ApplicationScoped
public class SandboxClock {

    private final AtomicLong offsetMillis = new AtomicLong();

    public Instant now() {
        return Instant.now().plusMillis(offsetMillis.get());
    }

    /** Moves the sandbox's time forward; seeded data keeps its dates. */
    public void advance(Duration by) {
        offsetMillis.addAndGet(by.toMillis());
    }

    /** Back to real time. */
    public void reset() {
        offsetMillis.set(0);
    }

    long epochSecond() {
        return now().getEpochSecond();
    }
}
