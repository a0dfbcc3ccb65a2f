package dev.ctgraphql.upstream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisConnection;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.redis.client.RedisOptions;

/**
 * CleverTap's per-account concurrency limits kept by every replica together, in Redis.
 *
 * <p>
 * Per account (its id hashed, never in clear) and limit class, Redis holds a queue of tickets (a sorted set by arrival)
 * and the leases of requests in flight (a sorted set by expiry). A Lua script admits tickets strictly in arrival order
 * while fewer leases than the limit are live, so no replica starves another. Leases and waiting tickets expire unless
 * their replica renews them, so a replica that dies (even {@code kill -9}) gives its permits back within
 * {@code lease-ttl}. A freed permit is announced on a channel, so waiting replicas ask again at once; they also ask every
 * {@code poll-interval} in case a message was lost. Every time comes from Redis ({@code TIME}), never from the replicas'
 * clocks. The keys have no time to live of their own (a Redis evicting {@code volatile-*} keys never drops them): the
 * sets empty themselves as their entries expire, leaving an account's sequence number and replica list.
 *
 * <p>
 * When Redis does not answer, the replica falls back to a local share: the configured fallback concurrency, lowered to
 * its part of the account's limit among the replicas it last saw in Redis (a replica ranked past the limit gets none, and
 * its requests are refused as rate limited rather than risk a 429). Requests already in flight count against the share.
 * When Redis answers again, the requests running on the share are registered as leases, and for {@code retry-after} plus
 * {@code timeout} (long enough for every replica to notice Redis is back and register its own) the replica keeps within its
 * share while taking leases, then uses Redis alone.
 */
final class SharedLimiter {

    private static final Logger LOG = Logger.getLogger(SharedLimiter.class);
    /** Changes when the keys' layout changes, so that old and new replicas never read each other's state. */
    private static final String FORMAT = "limits:v1:";
    /** Longest wait for the first connection of the subscription. */
    private static final Duration FIRST_CONNECTION = Duration.ofSeconds(3);

    /** How the replica admits requests now. */
    enum Mode {
        /** Leases from Redis. */
        SHARED,
        /** Leases from Redis, and within the local share, for a while after Redis came back. */
        RECOVERING,
        /** Redis does not answer: the local share only. */
        FALLBACK
    }

    /** What the limiter needs to know; the limits are the account's, the shares this replica's while Redis is down. */
    record Settings(String redisUrl, String keyPrefix, String accountId, int uploadLimit, int otherLimit, int uploadShare,
            int otherShare, int uploadQueue, int otherQueue, Duration leaseTtl, Duration pollInterval, Duration timeout,
            Duration retryAfter) {

        static Settings of(CleverTapConfig config, String accountId) {
            CleverTapConfig.Shared shared = config.limits().shared();
            return new Settings(config.sharedCache().redisUrl().orElseThrow(), config.sharedCache().keyPrefix(), accountId,
                    config.limits().uploadConcurrency(), config.limits().otherConcurrency(),
                    shared.fallbackUploadConcurrency(), shared.fallbackOtherConcurrency(), config.limits().uploadQueue(),
                    config.limits().otherQueue(), shared.leaseTtl(),
                    shared.pollInterval(), shared.timeout(), shared.retryAfter());
        }
    }

    private final Settings settings;
    private final Vertx vertx;
    /** Names this replica in Redis (tickets, leases, the replica list); a restored snapshot gets a new name. */
    private final ProcessIdentity identity;
    private final Runnable onRestore = this::restored;
    private final AtomicLong tickets = new AtomicLong();
    private final Map<LimitClass, Lane> lanes = new EnumMap<>(LimitClass.class);
    private final Map<String, AsyncPacer> fallbackPacers = new ConcurrentHashMap<>();
    private final String base;
    private final String members;
    private final String channel;
    private final AtomicBoolean subscribed = new AtomicBoolean();
    private volatile Redis client;
    private volatile Redis subscriber;
    private volatile RedisConnection subscription;
    private volatile Mode mode = Mode.SHARED;
    private volatile long nextProbe;
    private volatile long recoveringUntil;
    private volatile long nextBeat = System.nanoTime();
    private volatile long nextPoll = System.nanoTime();
    private volatile int replicas;
    private volatile int rank;
    private volatile boolean closed;
    private long timer = -1;

    SharedLimiter(Vertx vertx, Settings settings, ProcessIdentity identity) {
        this.vertx = vertx;
        this.settings = settings;
        this.identity = identity;
        this.base = settings.keyPrefix() + FORMAT + "{" + sha256(settings.accountId()).substring(0, 32) + "}:";
        this.members = base + "replicas";
        this.channel = base + "released";
        lanes.put(LimitClass.UPLOAD,
                new Lane(LimitClass.UPLOAD, settings.uploadLimit(), settings.uploadShare(), settings.uploadQueue(), base));
        lanes.put(LimitClass.OTHER,
                new Lane(LimitClass.OTHER, settings.otherLimit(), settings.otherShare(), settings.otherQueue(), base));
        this.client = Redis.createClient(vertx, options(16, "clevertap-limits"));
        this.subscriber = Redis.createClient(vertx, options(1, "clevertap-limits-released"));
    }

    /**
     * Connects, then starts its periodic work, without holding up the start: the first connection (and its classes) may
     * take longer than a command may, so it is given {@code FIRST_CONNECTION}.
     */
    void start() {
        identity.onRestore(onRestore);
        Duration first = FIRST_CONNECTION.compareTo(settings.timeout()) > 0 ? FIRST_CONNECTION : settings.timeout();
        client.send(Request.cmd(Command.PING)).ifNoItem().after(first).fail().subscribe().with(ok -> startTicking(),
                e -> {
                    failed("connect", e);
                    startTicking();
                });
        subscribe();
    }

    private void startTicking() {
        long period = Math.min(pollEvery(), Math.min(settings.leaseTtl().toNanos() / 3, settings.retryAfter().toNanos()));
        synchronized (this) {
            if (!closed && timer < 0) {
                timer = vertx.setPeriodic(Math.max(1, Duration.ofNanos(period).toMillis()), id -> tick());
            }
        }
    }

    /** Stops; leases still held expire in Redis by themselves. */
    void close() {
        identity.forget(onRestore);
        synchronized (this) {
            closed = true;
            if (timer >= 0) {
                vertx.cancelTimer(timer);
            }
        }
        RedisConnection connection = subscription;
        if (connection != null) {
            connection.close().subscribe().with(ok -> {
            }, e -> {
            });
        }
        client.close();
        subscriber.close();
    }

    /** Waits for a permit of {@code limitClass}, in arrival order across every replica of the account. */
    Uni<Permit> acquire(LimitClass limitClass) {
        Lane lane = lanes.get(limitClass);
        return Uni.createFrom().<Waiter>emitter(emitter -> {
            Waiter waiter = new Waiter(lane, identity.name() + ":" + tickets.incrementAndGet(), emitter);
            synchronized (lane) {
                // the same bound as the local limiter's: a queued upload chunk holds its body
                if (lane.waiting.size() >= lane.maxQueued) {
                    emitter.fail(new CleverTapQueueFullException("More than " + lane.maxQueued + " "
                            + lane.limitClass.name().toLowerCase()
                            + " requests are already waiting for CleverTap; nothing was sent, retry later"));
                    return;
                }
                lane.waiting.put(waiter.id, waiter);
            }
            emitter.onTermination(() -> abandon(waiter));
            pump(lane);
        }).map(waiter -> {
            waiter.handedOver = true;
            return waiter;
        });
    }

    /**
     * Waits for the next slot of the paced operation {@code name}, slots being {@code 1/perSecond} apart for the whole
     * account. While Redis does not answer, this replica paces itself at its part of the rate among the replicas it last
     * saw.
     */
    Uni<Void> pace(String name, double perSecond) {
        long interval = (long) Math.ceil(1000 / perSecond);
        if (mode == Mode.FALLBACK || closed) {
            return paceLocally(name, perSecond);
        }
        return eval(LimiterScripts.PACE, List.of(base + "pace:" + name), List.of(String.valueOf(interval)))
                .onItem().transformToUni(wait -> wait.toLong() <= 0
                        ? Uni.createFrom().voidItem()
                        : Pause.of(Duration.ofMillis(wait.toLong())))
                .onFailure().recoverWithUni(e -> {
                    failed("pace", e);
                    return paceLocally(name, perSecond);
                });
    }

    private Uni<Void> paceLocally(String name, double perSecond) {
        int seen = Math.max(1, replicas);
        // a pacer per rate: it changes when the number of replicas seen does
        return fallbackPacers.computeIfAbsent(name + "@" + seen, key -> new AsyncPacer(perSecond / seen))
                .run(() -> Uni.createFrom().voidItem());
    }

    Mode mode() {
        return mode;
    }

    /** Replicas seen alive in Redis at the last heartbeat (0: none seen yet). */
    int replicas() {
        return replicas;
    }

    /** Requests of {@code limitClass} in flight from this replica. */
    int inFlight(LimitClass limitClass) {
        Lane lane = lanes.get(limitClass);
        synchronized (lane) {
            return lane.running.size();
        }
    }

    /** Requests of {@code limitClass} waiting for a permit in this replica. */
    int queued(LimitClass limitClass) {
        Lane lane = lanes.get(limitClass);
        synchronized (lane) {
            return lane.waiting.size();
        }
    }

    /**
     * How many requests of {@code limitClass} this replica may have in flight while Redis is unreachable: the configured
     * fallback, lowered to this replica's part of the account's limit among the replicas last seen (when any were).
     */
    int share(LimitClass limitClass) {
        Lane lane = lanes.get(limitClass);
        int configured = Math.min(lane.share, lane.limit);
        int seen = replicas;
        if (seen <= 0) {
            return configured;
        }
        int part = lane.limit / seen + (rank < lane.limit % seen ? 1 : 0);
        return Math.min(configured, part);
    }

    /** The account's limit of {@code limitClass}. */
    int limit(LimitClass limitClass) {
        return lanes.get(limitClass).limit;
    }

    // ---- admission

    private void pump(Lane lane) {
        synchronized (lane) {
            if (lane.pumping) {
                lane.again = true;
                return;
            }
            lane.pumping = true;
            lane.again = false;
        }
        Mode now = mode;
        if (now == Mode.FALLBACK || closed) {
            admitLocally(lane);
            pumped(lane);
            return;
        }
        List<String> waiting;
        int most;
        synchronized (lane) {
            waiting = new ArrayList<>(lane.waiting.keySet());
            most = now == Mode.RECOVERING ? Math.max(0, share(lane.limitClass) - lane.running.size()) : Integer.MAX_VALUE;
        }
        if (waiting.isEmpty()) {
            pumped(lane);
            return;
        }
        List<String> args = new ArrayList<>(waiting.size() + 3);
        args.add(String.valueOf(lane.limit));
        args.add(String.valueOf(settings.leaseTtl().toMillis()));
        args.add(String.valueOf(most));
        args.addAll(waiting);
        eval(LimiterScripts.ADMIT, lane.keys, args).subscribe().with(answer -> {
            List<String> granted = new ArrayList<>(answer.size());
            answer.forEach(id -> granted.add(id.toString()));
            admitted(lane, granted);
            pumped(lane);
        }, failure -> {
            failed("admit", failure);
            pumped(lane);
        });
    }

    private void pumped(Lane lane) {
        boolean again;
        synchronized (lane) {
            lane.pumping = false;
            again = lane.again;
        }
        if (again) {
            pump(lane);
        }
    }

    /** Grants the tickets Redis admitted; one whose waiter gave up meanwhile is given back at once. */
    private void admitted(Lane lane, List<String> granted) {
        List<Waiter> resumed = new ArrayList<>(granted.size());
        List<String> unwanted = new ArrayList<>();
        synchronized (lane) {
            for (String id : granted) {
                Waiter waiter = lane.waiting.remove(id);
                if (waiter == null) {
                    unwanted.add(id);
                } else {
                    lane.grant(waiter);
                    resumed.add(waiter);
                }
            }
        }
        unwanted.forEach(id -> leave(lane, id).subscribe().with(ok -> {
        }, e -> failed("leave", e)));
        resumed.forEach(Waiter::resume);
    }

    /** Grants waiters within this replica's share; refuses them all when its share is none. */
    private void admitLocally(Lane lane) {
        List<Waiter> resumed = new ArrayList<>();
        List<Waiter> refused = new ArrayList<>();
        int share = share(lane.limitClass);
        synchronized (lane) {
            if (share == 0) {
                refused.addAll(lane.waiting.values());
                lane.waiting.clear();
            }
            while (!lane.waiting.isEmpty() && lane.running.size() < share) {
                Waiter waiter = lane.waiting.remove(lane.waiting.keySet().iterator().next());
                lane.grant(waiter);
                resumed.add(waiter);
            }
        }
        resumed.forEach(Waiter::resume);
        for (Waiter waiter : refused) {
            waiter.emitter.fail(new CleverTapRateLimitedException("CleverTap's limit of " + lane.limit + " concurrent "
                    + lane.label() + " requests is shared by " + replicas + " replicas, and Redis, which coordinates them,"
                    + " does not answer; this replica's part is none until it does, retry later"));
        }
    }

    private void release(Waiter waiter) {
        Lane lane = waiter.lane;
        synchronized (lane) {
            lane.running.remove(waiter.id);
        }
        if (mode == Mode.FALLBACK || closed) {
            // a lease this replica took from Redis before it stopped answering expires there by itself
            pump(lane);
            return;
        }
        leave(lane, waiter.id).subscribe().with(ok -> pump(lane), e -> {
            failed("release", e);
            pump(lane);
        });
    }

    /** Called when a waiter's subscription ends for any reason: takes it out of the queue, or frees an unused permit. */
    private void abandon(Waiter waiter) {
        Lane lane = waiter.lane;
        boolean wasWaiting;
        synchronized (lane) {
            if (waiter.handedOver) {
                return;
            }
            wasWaiting = lane.waiting.remove(waiter.id) != null;
        }
        if (wasWaiting) {
            if (mode != Mode.FALLBACK && !closed) {
                leave(lane, waiter.id).subscribe().with(ok -> {
                }, e -> failed("leave", e));
            }
        } else if (waiter.granted) {
            waiter.release();
        }
    }

    // ---- periodic work: polling, renewing, heartbeat, probing

    private void tick() {
        if (closed) {
            return;
        }
        long now = System.nanoTime();
        if (mode == Mode.FALLBACK) {
            if (now - nextProbe >= 0) {
                nextProbe = now + settings.retryAfter().toNanos();
                probe();
            }
            return;
        }
        if (mode == Mode.RECOVERING && now - recoveringUntil >= 0) {
            mode = Mode.SHARED;
            LOG.info("CleverTap limits are kept through Redis alone again");
            lanes.values().forEach(this::pump);
        }
        if (now - nextBeat >= 0) {
            nextBeat = now + settings.leaseTtl().toNanos() / 3;
            beat().subscribe().with(ok -> {
            }, e -> failed("renew", e));
        }
        if (now - nextPoll >= 0) {
            nextPoll = now + pollEvery();
            for (Lane lane : lanes.values()) {
                boolean waiting;
                synchronized (lane) {
                    waiting = !lane.waiting.isEmpty();
                }
                if (waiting) {
                    pump(lane);
                }
            }
        }
        if (!subscribed.get() && subscription == null) {
            subscribe();
        }
    }

    /** How often waiters ask again: the poll interval, or more often when their tickets would expire before. */
    private long pollEvery() {
        return Math.min(settings.pollInterval().toNanos(), settings.leaseTtl().toNanos() / 3);
    }

    /** Says this replica is alive and renews every lease it holds (registering those taken while Redis was away). */
    private Uni<Void> beat() {
        Uni<Void> heartbeat = eval(LimiterScripts.MEMBERS, List.of(members), List.of(identity.name(),
                String.valueOf(settings.leaseTtl().toMillis()))).invoke(answer -> {
                    replicas = answer.get(0).toInteger();
                    rank = answer.get(1).toInteger();
                }).replaceWithVoid();
        List<Uni<Void>> renewals = new ArrayList<>();
        for (Lane lane : lanes.values()) {
            List<String> held;
            synchronized (lane) {
                held = new ArrayList<>(lane.running.keySet());
            }
            if (!held.isEmpty()) {
                List<String> args = new ArrayList<>(held.size() + 1);
                args.add(String.valueOf(settings.leaseTtl().toMillis()));
                args.addAll(held);
                renewals.add(eval(LimiterScripts.RENEW, lane.keys.subList(0, 3), args).replaceWithVoid());
            }
        }
        return renewals.isEmpty()
                ? heartbeat
                : heartbeat.chain(() -> Uni.join().all(renewals).andFailFast().replaceWithVoid());
    }

    private void probe() {
        beat().subscribe().with(ok -> {
            recoveringUntil = System.nanoTime() + settings.retryAfter().plus(settings.timeout()).toNanos();
            nextBeat = System.nanoTime() + settings.leaseTtl().toNanos() / 3;
            mode = Mode.RECOVERING;
            LOG.infof("Redis answers again: CleverTap limits are kept through it (%d replicas seen); requests already in "
                    + "flight are registered there", replicas);
            lanes.values().forEach(this::pump);
        }, e -> LOG.debugf("Redis still does not answer the limiter (%s)", describe(e)));
    }

    private void failed(String operation, Throwable e) {
        if (closed) {
            return;
        }
        boolean entered = false;
        synchronized (this) {
            if (mode != Mode.FALLBACK) {
                mode = Mode.FALLBACK;
                nextProbe = System.nanoTime() + settings.retryAfter().toNanos();
                entered = true;
            }
        }
        if (entered) {
            LOG.warnf("Redis does not answer the limiter (%s: %s): this replica now allows itself at most %d CleverTap"
                    + " requests (other than uploads) and %d uploads at once (its part of the account's %d and %d among %s), trying Redis again"
                    + " every %s", operation, describe(e), share(LimitClass.OTHER), share(LimitClass.UPLOAD),
                    limit(LimitClass.OTHER), limit(LimitClass.UPLOAD),
                    replicas > 0 ? replicas + " replicas last seen" : "replicas it never saw", settings.retryAfter());
            lanes.values().forEach(this::pump);
        }
    }

    /**
     * After a restore from a snapshot: the connections of the snapshot are dead (their peer never saw this copy), so new
     * clients replace them, and the next tick says this replica is alive under its new name (the old one expires).
     */
    private void restored() {
        Redis oldClient = client;
        Redis oldSubscriber = subscriber;
        client = Redis.createClient(vertx, options(16, "clevertap-limits"));
        subscriber = Redis.createClient(vertx, options(1, "clevertap-limits-released"));
        RedisConnection connection = subscription;
        if (connection != null) {
            lost(connection);
        }
        oldClient.close();
        oldSubscriber.close();
        nextBeat = System.nanoTime();
        nextPoll = System.nanoTime();
    }

    // ---- freed-permit messages

    private void subscribe() {
        if (closed || !subscribed.compareAndSet(false, true)) {
            return;
        }
        AtomicBoolean settled = new AtomicBoolean();
        long guard = vertx.setTimer(FIRST_CONNECTION.toMillis(), id -> {
            if (settled.compareAndSet(false, true)) {
                subscribed.set(false);
            }
        });
        subscriber.connect().subscribe().with(connection -> {
            vertx.cancelTimer(guard);
            if (!settled.compareAndSet(false, true) || closed) {
                connection.close().subscribe().with(ok -> {
                }, e -> {
                });
                return;
            }
            connection.handler(this::received);
            connection.exceptionHandler(e -> lost(connection));
            connection.endHandler(() -> lost(connection));
            subscription = connection;
            connection.send(Request.cmd(Command.SUBSCRIBE).arg(channel)).subscribe().with(ok -> {
            }, e -> lost(connection));
        }, e -> {
            vertx.cancelTimer(guard);
            if (settled.compareAndSet(false, true)) {
                subscribed.set(false);
            }
        });
    }

    /** The next tick subscribes again; meanwhile waiting replicas still poll. */
    private void lost(RedisConnection connection) {
        if (subscription == connection) {
            subscription = null;
            subscribed.set(false);
            connection.close().subscribe().with(ok -> {
            }, e -> {
            });
        }
    }

    private void received(Response push) {
        if (push == null || push.size() < 3 || !"message".equals(String.valueOf(push.get(0)))) {
            return;
        }
        String limitClass = String.valueOf(push.get(2));
        for (Lane lane : lanes.values()) {
            if (lane.limitClass.name().equals(limitClass)) {
                pump(lane);
            }
        }
    }

    // ---- Redis

    private Uni<Void> leave(Lane lane, String id) {
        return eval(LimiterScripts.LEAVE, lane.keys.subList(0, 3), List.of(id, channel, lane.limitClass.name()))
                .replaceWithVoid();
    }

    private Uni<Response> eval(LimiterScripts.Script script, List<String> keys, List<String> args) {
        return client.send(script.request(Command.EVALSHA, script.sha(), keys, args))
                .onFailure(e -> String.valueOf(e.getMessage()).startsWith("NOSCRIPT"))
                .recoverWithUni(() -> client.send(script.request(Command.EVAL, script.source(), keys, args)))
                .ifNoItem().after(settings.timeout()).fail();
    }

    private RedisOptions options(int poolSize, String name) {
        RedisOptions options = new RedisOptions().setConnectionString(settings.redisUrl())
                .setMetricsName(name)
                .setPoolName(name)
                .setMaxPoolSize(poolSize)
                .setMaxPoolWaiting(4096)
                .setMaxWaitingHandlers(4096);
        options.getNetClientOptions().setConnectTimeout((int) Math.max(1, settings.timeout().toMillis()))
                .setTcpKeepAlive(true);
        return options;
    }

    private String describe(Throwable failure) {
        Throwable e = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return RedisTier.redact(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()),
                settings.redisUrl());
    }

    private static String sha256(String text) {
        return LimiterScripts.hex("SHA-256", text);
    }

    /** One limit class of the account, as this replica sees it. */
    private final class Lane {
        final LimitClass limitClass;
        final int limit;
        final int share;
        /** Most requests of this replica waiting for a permit; one more is refused before anything is sent. */
        final int maxQueued;
        /** queue, tickets' expiries, leases, sequence. */
        final List<String> keys;
        /** In arrival order. */
        final LinkedHashMap<String, Waiter> waiting = new LinkedHashMap<>();
        final Map<String, Waiter> running = new LinkedHashMap<>();
        boolean pumping;
        boolean again;

        Lane(LimitClass limitClass, int limit, int share, int maxQueued, String base) {
            this.limitClass = limitClass;
            this.limit = limit;
            this.share = share;
            this.maxQueued = maxQueued;
            String prefix = base + limitClass.name().toLowerCase() + ":";
            this.keys = List.of(prefix + "queue", prefix + "expiries", prefix + "leases", prefix + "sequence");
        }

        /** Under the lane's lock. */
        void grant(Waiter waiter) {
            waiter.granted = true;
            running.put(waiter.id, waiter);
        }

        String label() {
            return limitClass == LimitClass.UPLOAD ? "upload" : "non-upload";
        }
    }

    /** A request waiting for, then holding, a permit; its id is its ticket in Redis, then its lease. */
    private final class Waiter implements Permit {
        final Lane lane;
        final String id;
        final UniEmitter<? super Waiter> emitter;
        /** The Vert.x context the waiter queued on, so its request's logging context and trace stay with it. */
        final Context context = io.vertx.core.Vertx.currentContext();
        final AtomicBoolean released = new AtomicBoolean();
        volatile boolean granted;
        volatile boolean handedOver;

        Waiter(Lane lane, String id, UniEmitter<? super Waiter> emitter) {
            this.lane = lane;
            this.id = id;
            this.emitter = emitter;
        }

        void resume() {
            if (context == null || context == io.vertx.core.Vertx.currentContext()) {
                emitter.complete(this);
            } else {
                context.runOnContext(ignored -> emitter.complete(this));
            }
        }

        @Override
        public void release() {
            if (released.compareAndSet(false, true)) {
                SharedLimiter.this.release(this);
            }
        }
    }
}
