package dev.ctgraphql.upstream;

import java.security.SecureRandom;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/**
 * What makes this process unique among the replicas and function instances sharing one Redis: its name (in the
 * limiter's leases and replica list, the cache tier's invalidation messages, the live view's lease) and the salt of its
 * request ids. Both are drawn at first use, never at start or build, and drawn again when the process is restored from
 * a snapshot (Lambda SnapStart, or any CRaC checkpoint), so that copies restored from one snapshot never share them;
 * what holds a connection or a name is told then ({@link #onRestore}), before the restored process serves anything.
 *
 * <p>
 * The restore is reported through {@code org.crac} (on every Quarkus class path), which the Lambda Java runtime drives;
 * on a JVM without checkpoints nothing ever calls it.
 */
@Singleton
public class ProcessIdentity {

    private static final Logger LOG = Logger.getLogger(ProcessIdentity.class);
    private static final SecureRandom SEEDS = new SecureRandom();

    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    /** Held here: a checkpoint context may keep its resources only weakly. */
    private final Resource hook = new Resource() {
        @Override
        public void beforeCheckpoint(Context<? extends Resource> context) {
            // nothing to do: names and salts are replaced after the restore
        }

        @Override
        public void afterRestore(Context<? extends Resource> context) {
            restored();
        }
    };
    private volatile Drawn drawn;

    /** Registers for restore notifications at start, before any snapshot can be taken. */
    void register(@Observes StartupEvent event) {
        try {
            Core.getGlobalContext().register(hook);
        } catch (RuntimeException | LinkageError e) {
            LOG.debugf("No checkpoint/restore notifications on this JVM (%s)", e.getClass().getSimpleName());
        }
    }

    /** This process's name: random, the same until the process is restored from a snapshot. */
    public String name() {
        return current().name();
    }

    /** Mixed into request ids made from a fast per-thread generator, whose state a snapshot would copy. */
    public long salt() {
        return current().salt();
    }

    /** Runs {@code action} after every restore, once the new name is drawn. */
    public void onRestore(Runnable action) {
        listeners.add(action);
    }

    /** Stops telling {@code action} about restores. */
    public void forget(Runnable action) {
        listeners.remove(action);
    }

    /**
     * What a restore from a snapshot does: forgets the name and salt (the next use draws new ones) and tells the
     * listeners. Called by the checkpoint runtime; public so that a test can stand in for it.
     */
    public void restored() {
        drawn = null;
        LOG.info("Restored from a snapshot: this process takes a new name and reconnects to the shared Redis");
        for (Runnable listener : listeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                LOG.warnf(e, "A restore listener failed");
            }
        }
    }

    private Drawn current() {
        Drawn now = drawn;
        if (now == null) {
            synchronized (this) {
                now = drawn;
                if (now == null) {
                    now = new Drawn(UUID.randomUUID().toString(), SEEDS.nextLong());
                    drawn = now;
                }
            }
        }
        return now;
    }

    private record Drawn(String name, long salt) {
    }
}
