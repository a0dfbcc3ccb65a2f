package dev.ctgraphql.upstream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisConnection;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/**
 * The shared cache tier's invalidation messages between replicas: the messages {@link RedisTier} publishes with each
 * delete, the subscription that hears the other replicas' (and tells {@link ResponseCache} to drop its local copies),
 * whether they may be trusted to be heard, and the invalidations kept while Redis failed, sent again once it answers.
 */
final class RedisInvalidations {

    private static final Logger LOG = Logger.getLogger(RedisInvalidations.class);
    /** The cache name under which a pending "drop everything" is kept. */
    private static final String ALL = "";
    /** Past this many pending keys of one cache, the whole cache is dropped instead. */
    private static final int MAX_PENDING_KEYS = 10_000;

    private final RedisTier tier;
    private final CleverTapConfig.SharedCache config;
    private final Vertx vertx;
    private final ObjectMapper mapper;
    private final String channel;
    private final Duration firstConnection;
    /**
     * Names this replica in its invalidation messages (so it ignores its own); drawn at first use and again after a
     * restore from a snapshot, so that function instances restored from one snapshot do not ignore each other's.
     */
    private final ProcessIdentity identity;
    private final AtomicBoolean subscriberHealthy = new AtomicBoolean(true);
    private final AtomicReference<RedisConnection> subscription = new AtomicReference<>();
    private volatile RedisTier.Listener listener;
    private volatile Runnable unheard = () -> {
    };
    private volatile boolean closed;
    /** Whether invalidations from other replicas are received, and from when on they are trusted (nanoTime). */
    private volatile boolean subscribed;
    private volatile long trustedFrom = System.nanoTime();
    /** Invalidations not yet sent because Redis failed: per cache ({@code ALL}: every cache) its keys, null for all. */
    private final Map<String, Set<String>> pending = new HashMap<>();
    private final AtomicBoolean replayScheduled = new AtomicBoolean();
    private final AtomicInteger replaying = new AtomicInteger();
    private volatile Redis subscriber;

    RedisInvalidations(RedisTier tier, CleverTapConfig.SharedCache config, Vertx vertx, ObjectMapper mapper,
            String channel, Duration firstConnection, ProcessIdentity identity) {
        this.identity = identity;
        this.tier = tier;
        this.config = config;
        this.vertx = vertx;
        this.mapper = mapper;
        this.channel = channel;
        this.firstConnection = firstConnection;
    }

    /** Starts receiving the other replicas' invalidations through {@code subscriber}. */
    void start(Redis subscriber) {
        this.subscriber = subscriber;
        subscribe(false);
    }

    /** After a restore from a snapshot: the subscription's connection is dead; it is lost, and made again through {@code subscriber}. */
    void restored(Redis subscriber) {
        this.subscriber = subscriber;
        RedisConnection connection = subscription.get();
        if (connection != null) {
            lost(connection, new IllegalStateException("restored from a snapshot"));
        }
    }

    void close() {
        closed = true;
        RedisConnection connection = subscription.getAndSet(null);
        if (connection != null) {
            close(connection);
        }
    }

    /** Sets who is told about invalidations published by other replicas. */
    void listen(RedisTier.Listener listener) {
        this.listener = listener;
    }

    /** Sets what runs when invalidations from other replicas stop being received. */
    void whenUnheard(Runnable action) {
        this.unheard = action;
    }

    /** A message telling the other replicas what this one dropped: one cache, or every cache when null. */
    ObjectNode message(String cache) {
        ObjectNode message = mapper.createObjectNode();
        message.put("from", identity.name());
        if (cache != null) {
            message.put("cache", cache);
        }
        return message;
    }

    Request publishing(ObjectNode message) {
        return Request.cmd(Command.PUBLISH).arg(channel).arg(message.toString());
    }

    /**
     * An invalidation (delete, then publish) that never fails: when Redis fails it is kept and sent again once Redis
     * answers, so that neither the shared entries nor the other replicas' copies outlive a write made during an outage.
     */
    Uni<Void> sent(Uni<?> invalidation, String cache, Collection<String> keys) {
        return invalidation.onItem().invoke(tier::succeeded).replaceWithVoid()
                .onFailure().recoverWithItem(e -> {
                    tier.failed("invalidate", e);
                    remember(cache, keys);
                    return null;
                });
    }

    private void remember(String cache, Collection<String> keys) {
        synchronized (pending) {
            String name = cache == null ? ALL : cache;
            if (keys == null || pending.containsKey(ALL)) {
                pending.put(name, null);
            } else if (!pending.containsKey(name) || pending.get(name) != null) {
                Set<String> known = pending.computeIfAbsent(name, n -> new HashSet<>());
                known.addAll(keys);
                if (known.size() > MAX_PENDING_KEYS) {
                    pending.put(name, null);
                }
            }
        }
        replayLater();
    }

    private void replayLater() {
        if (!closed && replayScheduled.compareAndSet(false, true)) {
            vertx.setTimer(Math.max(1, config.retryAfter().toMillis()), id -> replay());
        }
    }

    /** Sends the invalidations kept during an outage (those that fail again are kept again). */
    private void replay() {
        replayScheduled.set(false);
        Map<String, Set<String>> due;
        synchronized (pending) {
            if (pending.isEmpty()) {
                return;
            }
            due = new HashMap<>(pending);
            pending.clear();
        }
        LOG.debugf("Sending %d cache invalidation(s) kept while Redis could not be reached", due.size());
        replaying.addAndGet(due.size());
        due.forEach((cache, keys) -> {
            String name = ALL.equals(cache) ? null : cache;
            // never fails: one that fails again is kept again
            (keys == null ? tier.deleteAll(name) : tier.delete(name, keys)).subscribe()
                    .with(ok -> replaying.decrementAndGet());
        });
    }

    /** Invalidations kept because Redis failed and not yet sent, or being sent again now (tests, operators). */
    int pending() {
        synchronized (pending) {
            return pending.size() + replaying.get();
        }
    }

    /**
     * Whether this replica may trust that it hears of other replicas' writes: the subscription is up and has been for
     * two {@code retry-after} since an outage (while writes made during it are replayed).
     */
    boolean reliable() {
        return subscribed && System.nanoTime() - trustedFrom >= 0;
    }

    /**
     * Opens the connection that receives other replicas' invalidations. Its failures never stop the shared tier
     * itself (they only mean local copies may live to their TTL); it is opened again every {@code retry-after}.
     */
    private void subscribe(boolean again) {
        if (closed) {
            return;
        }
        AtomicBoolean settled = new AtomicBoolean();
        long guard = vertx.setTimer(Math.max(1, firstConnection.toMillis()), id -> {
            if (settled.compareAndSet(false, true)) {
                subscriptionFailed(new IllegalStateException("no connection within " + firstConnection));
            }
        });
        subscriber.connect().subscribe().with(connection -> {
            vertx.cancelTimer(guard);
            if (!settled.compareAndSet(false, true) || closed) {
                close(connection);
                return;
            }
            connection.handler(this::received);
            connection.exceptionHandler(e -> lost(connection, e));
            connection.endHandler(() -> lost(connection, null));
            subscription.set(connection);
            // a pub/sub command completes once written; a refusal arrives as a connection error
            connection.send(Request.cmd(Command.SUBSCRIBE).arg(channel)).subscribe().with(ok -> {
                if (!subscriberHealthy.getAndSet(true) || again) {
                    LOG.info("Shared cache invalidations from other replicas are received"
                            + (again ? " again; the local tier is dropped, as some may have been missed" : ""));
                }
                trustedFrom = System.nanoTime() + (again ? 2 * config.retryAfter().toNanos() : 0);
                subscribed = true;
                if (again) {
                    tell(null, null);
                }
                replay();
            }, e -> lost(connection, e));
        }, e -> {
            vertx.cancelTimer(guard);
            if (settled.compareAndSet(false, true)) {
                subscriptionFailed(e);
            }
        });
    }

    private void lost(RedisConnection connection, Throwable cause) {
        if (subscription.compareAndSet(connection, null)) {
            close(connection);
            subscriptionFailed(cause == null ? new IllegalStateException("connection closed") : cause);
        }
    }

    private void subscriptionFailed(Throwable e) {
        if (subscribed) {
            subscribed = false;
            unheard.run();
        }
        if (closed) {
            return;
        }
        tier.count("subscribe");
        if (subscriberHealthy.compareAndSet(true, false)) {
            LOG.warnf("Shared cache invalidations from other replicas are not received (%s); local copies are answered for"
                    + " at most %s until the subscription is back, tried every %s", tier.describe(e), config.outageTtl(),
                    config.retryAfter());
        } else {
            LOG.debugf("Shared cache invalidations still not received (%s)", tier.describe(e));
        }
        vertx.setTimer(Math.max(1, config.retryAfter().toMillis()), id -> subscribe(true));
    }

    private static void close(RedisConnection connection) {
        connection.close().subscribe().with(ok -> {
        }, e -> {
        });
    }

    private void received(Response push) {
        if (push == null || push.size() < 3 || !"message".equals(String.valueOf(push.get(0)))) {
            return;
        }
        try {
            JsonNode message = mapper.readTree(push.get(2).toString());
            if (message.path("from").asText().equals(identity.name())) {
                return;
            }
            String cache = message.path("cache").asText(null);
            List<String> keys = null;
            if (message.path("keys").isArray()) {
                keys = new ArrayList<>();
                for (JsonNode key : message.get("keys")) {
                    keys.add(key.asText());
                }
            }
            tell(cache, keys);
        } catch (Exception e) {
            LOG.debugf("Ignored an unreadable shared cache invalidation: %s", e.getClass().getSimpleName());
        }
    }

    private void tell(String cache, List<String> keys) {
        RedisTier.Listener current = listener;
        if (current != null) {
            current.dropped(cache, keys);
        }
    }
}
