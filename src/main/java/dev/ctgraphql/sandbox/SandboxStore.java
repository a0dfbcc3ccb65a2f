package dev.ctgraphql.sandbox;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.infrastructure.Infrastructure;

import dev.ctgraphql.upstream.CleverTapConfig;

/**
 * The sandbox's state: the seeded world plus everything uploaded since, generated lazily (in the background at startup
 * when the sandbox is on) and guarded by a read-write lock so concurrent uploads and queries stay consistent.
 */
@ApplicationScoped
public class SandboxStore {

    private static final Logger LOG = Logger.getLogger(SandboxStore.class);

    private final CleverTapConfig config;
    private final SandboxClock clock;
    private final SandboxCursors cursors;
    private final SandboxCounts counts;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private volatile SandboxData data;

    SandboxStore(CleverTapConfig config, SandboxClock clock, SandboxCursors cursors, SandboxCounts counts) {
        this.config = config;
        this.clock = clock;
        this.cursors = cursors;
        this.counts = counts;
    }

    void warmUp(@Observes StartupEvent event) {
        if (config.sandbox().enabled()) {
            Infrastructure.getDefaultWorkerPool().execute(this::world);
        }
    }

    /** Throws away uploads, deletions, created or stopped campaigns, open cursors and pending counts: back to the seed. */
    public void reset() {
        synchronized (this) {
            lock.writeLock().lock();
            try {
                data = generate(false);
            } finally {
                lock.writeLock().unlock();
            }
        }
        cursors.clear();
        counts.clear();
    }

    /** Number of profiles now stored. */
    public int profileCount() {
        return read(d -> d.profiles().size());
    }

    /** Number of events now stored with this name, or of all events when {@code eventName} is null. */
    public long eventCount(String eventName) {
        return read(d -> eventName == null ? d.eventCount() : d.events(eventName).size());
    }

    /** A campaign's status now (scheduled, running, stopped or completed), if the id exists. */
    public Optional<String> campaignStatus(long id) {
        return read(d -> Optional.ofNullable(d.campaign(id)).map(c -> c.status(now())));
    }

    /** Applies an upload body ({@code {"d":[...]}}) and answers as {@code POST /1/upload} does. */
    ObjectNode upload(ObjectNode body, boolean dryRun) {
        // validation only reads, so concurrent uploads are checked in parallel; storing takes the write lock briefly
        SandboxUploads.Checked checked = read(d -> SandboxUploads.check(d, body));
        if (!dryRun && !checked.valid().isEmpty()) {
            write(d -> {
                SandboxUploads.store(d, body, checked, now());
                return null;
            });
        }
        return checked.answer();
    }

    <T> T read(Function<SandboxData, T> work) {
        world();
        lock.readLock().lock();
        try {
            return work.apply(data);
        } finally {
            lock.readLock().unlock();
        }
    }

    <T> T write(Function<SandboxData, T> work) {
        world();
        lock.writeLock().lock();
        try {
            return work.apply(data);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Whether the world has been generated (it never is while the sandbox is off). */
    boolean seeded() {
        return data != null;
    }

    ZoneId zone() {
        return config.timeZone();
    }

    LocalDate today() {
        return LocalDate.ofInstant(clock.now(), zone());
    }

    long now() {
        return clock.epochSecond();
    }

    long seed() {
        return config.sandbox().seed();
    }

    private SandboxData world() {
        SandboxData current = data;
        if (current == null) {
            synchronized (this) {
                current = data;
                if (current == null) {
                    current = generate(true);
                    data = current;
                }
            }
        }
        return current;
    }

    private SandboxData generate(boolean first) {
        CleverTapConfig.Sandbox sandbox = config.sandbox();
        long started = System.nanoTime();
        SandboxData generated = new SandboxSeed(sandbox.seed(), sandbox.profiles(), sandbox.events(), sandbox.days(), zone(),
                clock.now()).generate();
        LOG.logf(first ? Logger.Level.INFO : Logger.Level.DEBUG,
                "Sandbox seeded %d profiles, %d events and %d campaigns in %d ms",
                generated.profiles().size(), generated.eventCount(), generated.campaigns().size(),
                (System.nanoTime() - started) / 1_000_000);
        return generated;
    }
}
