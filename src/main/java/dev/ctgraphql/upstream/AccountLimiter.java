package dev.ctgraphql.upstream;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * CleverTap's concurrency limits per account (15 uploads, 3 other requests) and paced operations (campaign creation): kept by every replica together through
 * Redis ({@link SharedLimiter}) when {@code clevertap.shared-cache.redis-url} is set and
 * {@code clevertap.limits.shared.enabled} is not false, else by this process alone ({@link AsyncLimiter}).
 */
@ApplicationScoped
public class AccountLimiter {

    private static final Logger LOG = Logger.getLogger(AccountLimiter.class);

    /** How permits are kept, as readiness and metrics report it. */
    public enum Mode {
        /** By this process alone: no Redis configured, or the shared limiter turned off. */
        LOCAL,
        /** Through Redis, for every replica of the account. */
        SHARED,
        /** Redis does not answer: this replica keeps within its local share of the account's limits. */
        FALLBACK
    }

    private final Map<LimitClass, AsyncLimiter> local = new EnumMap<>(LimitClass.class);
    private final Map<String, AsyncPacer> pacers = new ConcurrentHashMap<>();
    private final SharedLimiter shared;

    AccountLimiter(CleverTapConfig config, CleverTapCredentials credentials, Vertx vertx, MeterRegistry registry,
            ProcessIdentity identity) {
        local.put(LimitClass.UPLOAD,
                new AsyncLimiter("upload", config.limits().uploadConcurrency(), config.limits().uploadQueue()));
        local.put(LimitClass.OTHER,
                new AsyncLimiter("other", config.limits().otherConcurrency(), config.limits().otherQueue()));
        boolean redis = config.sharedCache().redisUrl().filter(url -> !url.isBlank()).isPresent();
        this.shared = redis && config.limits().shared().enabled()
                ? new SharedLimiter(vertx, SharedLimiter.Settings.of(config, credentials.accountId()), identity)
                : null;
        for (LimitClass limitClass : LimitClass.values()) {
            String name = local.get(limitClass).name();
            Gauge.builder("clevertap.limiter.queued", this, limiter -> limiter.queued(limitClass))
                    .description("Requests waiting for a CleverTap concurrency permit in this replica")
                    .tag("class", name).register(registry);
            Gauge.builder("clevertap.limiter.in.flight", this, limiter -> limiter.inFlight(limitClass))
                    .description("Requests in flight to CleverTap from this replica")
                    .tag("class", name).register(registry);
            Gauge.builder("clevertap.limiter.fallback.share", this, limiter -> limiter.fallbackShare(limitClass))
                    .description("Requests this replica may have in flight while Redis does not answer (-1: not shared)")
                    .tag("class", name).register(registry);
        }
        Gauge.builder("clevertap.limiter.fallback", this, limiter -> limiter.mode() == Mode.FALLBACK ? 1 : 0)
                .description("1 while Redis does not answer and this replica keeps within its local share of CleverTap's"
                        + " limits")
                .register(registry);
        Gauge.builder("clevertap.limiter.replicas", this, limiter -> limiter.shared == null ? 1 : limiter.shared.replicas())
                .description("Replicas sharing CleverTap's limits, as last seen in Redis")
                .register(registry);
    }

    void onStart(@Observes StartupEvent event) {
        if (shared != null) {
            shared.start();
            LOG.infof("CleverTap's limits (%d uploads, %d other requests at once) are kept for the whole account through"
                    + " Redis, by every replica together", shared.limit(LimitClass.UPLOAD), shared.limit(LimitClass.OTHER));
        }
    }

    @PreDestroy
    void close() {
        if (shared != null) {
            shared.close();
        }
    }

    /** Waits for a permit of {@code limitClass}, first come first served; the caller releases it when its call ends. */
    public Uni<Permit> acquire(LimitClass limitClass) {
        return shared == null ? local.get(limitClass).acquire() : shared.acquire(limitClass);
    }

    /**
     * Runs {@code operation} in the next free slot of {@code name}, slots being {@code 1/perSecond} apart: for the whole
     * account when the limits are shared, else for this process.
     */
    public <T> Uni<T> paced(String name, double perSecond, Supplier<Uni<T>> operation) {
        if (shared == null) {
            return pacers.computeIfAbsent(name, key -> new AsyncPacer(perSecond)).run(operation);
        }
        return shared.pace(name, perSecond).chain(ignored -> operation.get());
    }

    public Mode mode() {
        if (shared == null) {
            return Mode.LOCAL;
        }
        return shared.mode() == SharedLimiter.Mode.FALLBACK ? Mode.FALLBACK : Mode.SHARED;
    }

    /** The limit of {@code limitClass}: the account's when shared, else this process's. */
    public int limit(LimitClass limitClass) {
        return shared == null ? local.get(limitClass).permits() : shared.limit(limitClass);
    }

    /** Requests of {@code limitClass} in flight from this replica. */
    public int inFlight(LimitClass limitClass) {
        return shared == null ? local.get(limitClass).inUse() : shared.inFlight(limitClass);
    }

    /** Requests of {@code limitClass} waiting for a permit in this replica. */
    public int queued(LimitClass limitClass) {
        return shared == null ? local.get(limitClass).queued() : shared.queued(limitClass);
    }

    /** What this replica may have in flight while Redis does not answer; -1 when the limits are not shared. */
    public int fallbackShare(LimitClass limitClass) {
        return shared == null ? -1 : shared.share(limitClass);
    }

    /** Replicas seen sharing the limits (1 when not shared; 0 before Redis first answered). */
    public int replicas() {
        return shared == null ? 1 : shared.replicas();
    }
}
