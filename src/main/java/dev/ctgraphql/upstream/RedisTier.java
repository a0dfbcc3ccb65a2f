package dev.ctgraphql.upstream;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.redis.client.RedisOptions;

/**
 * The shared cache tier: CleverTap answers kept as JSON text in Redis, so that every replica and function instance
 * serves what one of them fetched; present only when {@code clevertap.shared-cache.redis-url} is set.
 *
 * <p>
 * Keys are {@code <prefix>v1:<account id>:<cache>:<key>}, the cache key itself when it is short, else
 * {@code sha256:<hex>} of it. Entries expire in Redis ({@code SET ... PX}); an invalidation deletes the key, dropping a
 * whole cache deletes by pattern ({@code SCAN MATCH} + {@code DEL}). Each invalidation is also published on
 * {@code <prefix>v1:<account id>:invalidations}, so that other replicas drop their local copies; after the
 * subscription was lost a replica drops its whole local tier, since it may have missed some.
 *
 * <p>
 * Redis is never needed for an answer: a failed or slow command ({@code timeout}) counts in
 * {@code clevertap.cache.shared.failures}, is logged once at WARN per outage, and the tier is skipped for
 * {@code retry-after}, reads going to CleverTap. Operations here never fail.
 */
@ApplicationScoped
class RedisTier {

    private static final Logger LOG = Logger.getLogger(RedisTier.class);
    /** Changes when the stored format changes, so that old and new replicas never read each other's entries. */
    private static final String FORMAT = "v1:";
    /** Cache keys longer than this are stored under their SHA-256. */
    private static final int MAX_PLAIN_KEY = 100;
    private static final String HASHED = "sha256:";
    private static final int DELETE_BATCH = 500;
    private static final int SCAN_COUNT = 1000;
    /** Longest wait for a new connection (made at start and for the subscription, off the query path). */
    private static final Duration FIRST_CONNECTION = Duration.ofSeconds(3);

    /** What a read found: a JSON text and its remaining time to live in milliseconds (-1: none), nothing, or no answer. */
    record Lookup(Status status, String json, long ttlMillis) {
        static final Lookup MISS = new Lookup(Status.MISS, null, 0);
        static final Lookup ERROR = new Lookup(Status.ERROR, null, 0);
    }

    /** Outcome of a read. */
    enum Status {
        HIT, MISS, ERROR
    }

    /** Told when another replica dropped entries: a cache's keys, a whole cache (keys null), or everything (cache null). */
    interface Listener {
        void dropped(String cache, List<String> keys);
    }

    private final Optional<CleverTapConfig.SharedCache> config;
    private final Vertx vertx;
    private final MeterRegistry registry;
    private final String base;
    private final Map<String, Counter> failures = new ConcurrentHashMap<>();
    private final AtomicBoolean healthy = new AtomicBoolean(true);
    private volatile long downUntil = System.nanoTime();
    /** Null without a shared tier. */
    private final RedisInvalidations invalidations;
    private final ProcessIdentity identity;
    private volatile Redis client;
    private volatile Redis subscriber;

    /** Quarkus' mapper is asked for only with a shared tier: making it costs the start tens of ms. */
    RedisTier(CleverTapConfig config, CleverTapCredentials credentials, Vertx vertx, Instance<ObjectMapper> mappers,
            MeterRegistry registry, ProcessIdentity identity) {
        this.identity = identity;
        this.config = config.sharedCache().redisUrl().filter(url -> !url.isBlank()).map(url -> config.sharedCache());
        this.vertx = vertx;
        this.registry = registry;
        this.base = config.sharedCache().keyPrefix() + FORMAT + credentials.accountId() + ":";
        this.invalidations = this.config.isEmpty()
                ? null
                : new RedisInvalidations(this, this.config.get(), vertx, mappers.get(), base + "invalidations",
                        FIRST_CONNECTION,
                        identity);
    }

    void onStart(@Observes StartupEvent event) {
        if (config.isEmpty()) {
            return;
        }
        CleverTapConfig.SharedCache shared = config.get();
        client = Redis.createClient(vertx, options(shared.redisUrl().get(), 16, "clevertap-shared-cache"));
        subscriber = Redis.createClient(vertx, options(shared.redisUrl().get(), 2, "clevertap-shared-cache-invalidations"));
        // the first connection (and its classes) can take longer than a command may; made now, not by the first query,
        // but without holding up the start
        Duration firstConnection = shared.timeout().compareTo(FIRST_CONNECTION) > 0 ? shared.timeout() : FIRST_CONNECTION;
        client.send(Request.cmd(Command.PING)).ifNoItem().after(firstConnection).fail().subscribe().with(
                ok -> LOG.infof("Shared cache tier on Redis at %s (keys %s*)", where(shared.redisUrl().get()), base),
                e -> failed("connect", e));
        invalidations.start(subscriber);
        identity.onRestore(this::restored);
    }

    /**
     * After a restore from a snapshot: new clients replace the snapshot's dead connections, and the subscription counts
     * as lost (the local tier is answered within its outage TTL until it is back, as after any lost subscription).
     */
    private void restored() {
        Redis oldClient = client;
        Redis oldSubscriber = subscriber;
        String url = config.get().redisUrl().get();
        client = Redis.createClient(vertx, options(url, 16, "clevertap-shared-cache"));
        subscriber = Redis.createClient(vertx, options(url, 2, "clevertap-shared-cache-invalidations"));
        invalidations.restored(subscriber);
        oldClient.close();
        oldSubscriber.close();
    }

    @PreDestroy
    void close() {
        if (invalidations != null) {
            invalidations.close();
        }
        if (client != null) {
            client.close();
            subscriber.close();
        }
    }

    /** True when a Redis address is configured. */
    boolean enabled() {
        return config.isPresent();
    }

    /** Sets who is told about invalidations published by other replicas. */
    void listen(Listener listener) {
        if (invalidations != null) {
            invalidations.listen(listener);
        }
    }

    /** Sets what runs when invalidations from other replicas stop being received. */
    void whenUnheard(Runnable action) {
        if (invalidations != null) {
            invalidations.whenUnheard(action);
        }
    }

    /** The Redis key of an entry of a cache. */
    String key(String cache, String key) {
        return base + cache + ":" + (key.length() <= MAX_PLAIN_KEY && !key.startsWith(HASHED) ? key : HASHED + sha256(key));
    }

    /** The JSON text stored under {@code key} and its remaining time to live. */
    Uni<Lookup> get(String key) {
        if (!available()) {
            return Uni.createFrom().item(Lookup.ERROR);
        }
        return client.batch(List.of(Request.cmd(Command.GET).arg(key), Request.cmd(Command.PTTL).arg(key)))
                .ifNoItem().after(timeout()).fail()
                .map(answers -> {
                    succeeded();
                    Response value = answers.get(0);
                    if (value == null) {
                        return Lookup.MISS;
                    }
                    Response ttl = answers.get(1);
                    return new Lookup(Status.HIT, value.toString(), ttl == null ? -1 : ttl.toLong());
                })
                .onFailure().recoverWithItem(e -> {
                    failed("get", e);
                    return Lookup.ERROR;
                });
    }

    /** Stores a JSON text for {@code ttl} (nothing when shorter than a millisecond). */
    Uni<Void> put(String key, String json, Duration ttl) {
        long millis = ttl.toMillis();
        if (millis <= 0 || !available()) {
            return Uni.createFrom().voidItem();
        }
        return quietly("set", send(Request.cmd(Command.SET).arg(key).arg(json).arg("PX").arg(millis)));
    }

    /** Deletes one stored entry, without telling the other replicas. */
    Uni<Void> remove(String key) {
        if (client == null) {
            return Uni.createFrom().voidItem();
        }
        return quietly("delete", send(Request.cmd(Command.DEL).arg(key)));
    }

    /** Deletes entries of a cache and tells the other replicas (in batches, so that no message grows large). */
    Uni<Void> delete(String cache, Collection<String> keys) {
        if (client == null || keys.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<String> all = new ArrayList<>(keys);
        List<Uni<Void>> batches = new ArrayList<>();
        for (int from = 0; from < all.size(); from += DELETE_BATCH) {
            List<String> batch = all.subList(from, Math.min(all.size(), from + DELETE_BATCH));
            Request del = Request.cmd(Command.DEL);
            batch.forEach(k -> del.arg(key(cache, k)));
            ObjectNode message = invalidations.message(cache);
            ArrayNode array = message.putArray("keys");
            batch.forEach(array::add);
            batches.add(invalidations.sent(send(del).chain(() -> send(invalidations.publishing(message))), cache, batch));
        }
        return Uni.join().all(batches).andFailFast().replaceWithVoid();
    }

    /** Deletes every entry of a cache, or of every cache when {@code cache} is null, and tells the other replicas. */
    Uni<Void> deleteAll(String cache) {
        if (client == null) {
            return Uni.createFrom().voidItem();
        }
        String pattern = glob(cache == null ? base : base + cache + ":") + "*";
        return invalidations.sent(
                scanAndDelete(pattern, "0").chain(() -> send(invalidations.publishing(invalidations.message(cache)))), cache,
                null);
    }

    /** Invalidations kept because Redis failed and not yet sent, or being sent again now (tests, operators). */
    int pendingInvalidations() {
        return invalidations == null ? 0 : invalidations.pending();
    }

    /**
     * Whether this replica may trust that it hears of other replicas' writes: no shared tier (nothing to hear), or the
     * subscription is up and has been for two {@code retry-after} since an outage (while writes made during it are
     * replayed).
     */
    boolean invalidationsReliable() {
        return invalidations == null || invalidations.reliable();
    }

    /** How long local entries are answered while {@link #invalidationsReliable()} is false. */
    Duration outageTtl() {
        return config.map(CleverTapConfig.SharedCache::outageTtl).orElse(Duration.ZERO);
    }

    private Uni<Void> scanAndDelete(String pattern, String cursor) {
        return send(Request.cmd(Command.SCAN).arg(cursor).arg("MATCH").arg(pattern).arg("COUNT").arg(SCAN_COUNT))
                .chain(page -> {
                    String next = page.get(0).toString();
                    Response keys = page.get(1);
                    Uni<Void> delete = Uni.createFrom().voidItem();
                    if (keys.size() > 0) {
                        Request del = Request.cmd(Command.DEL);
                        keys.forEach(k -> del.arg(k.toString()));
                        delete = send(del).replaceWithVoid();
                    }
                    return delete.chain(() -> "0".equals(next) ? Uni.createFrom().voidItem() : scanAndDelete(pattern, next));
                });
    }

    private Uni<Response> send(Request request) {
        return client.send(request).ifNoItem().after(timeout()).fail();
    }

    private Uni<Void> quietly(String operation, Uni<?> command) {
        return command.onItem().invoke(this::succeeded).replaceWithVoid()
                .onFailure().recoverWithItem(e -> {
                    failed(operation, e);
                    return null;
                });
    }

    /** Whether reads and writes try Redis: configured, started, and not within {@code retry-after} of a failure. */
    private boolean available() {
        return client != null && (healthy.get() || System.nanoTime() - downUntil >= 0);
    }

    void succeeded() {
        if (!healthy.get() && healthy.compareAndSet(false, true)) {
            LOG.info("Shared cache (Redis) answers again");
        }
    }

    /** Counts a failed command in {@code clevertap.cache.shared.failures}. */
    void count(String operation) {
        failures.computeIfAbsent(operation, op -> Counter.builder("clevertap.cache.shared.failures").tag("operation", op)
                .description("Shared cache (Redis) commands that failed or timed out").register(registry)).increment();
    }

    /** Counts and logs a failed command, and skips the tier for {@code retry-after}. */
    void failed(String operation, Throwable e) {
        count(operation);
        downUntil = System.nanoTime() + config.get().retryAfter().toNanos();
        if (healthy.compareAndSet(true, false)) {
            LOG.warnf("Shared cache (Redis) failed (%s: %s); reads go to CleverTap, Redis is tried again every %s",
                    operation, describe(e), config.get().retryAfter());
        } else {
            LOG.debugf("Shared cache (Redis) still failing (%s: %s)", operation, describe(e));
        }
    }

    /** A failure as logged: its type and message, the Redis address and credentials redacted. */
    String describe(Throwable failure) {
        Throwable e = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return redact(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()),
                config.get().redisUrl().get());
    }

    /** A text with the user and password of a Redis address blanked out wherever they occur. */
    static String redact(String text, String url) {
        String whole = text.replace(url, "<clevertap.shared-cache.redis-url>");
        String userInfo = userInfo(url);
        if (userInfo == null || userInfo.isEmpty()) {
            return whole;
        }
        String redacted = whole.replace(userInfo, "***").replace(URLDecoder.decode(userInfo, StandardCharsets.UTF_8), "***");
        int colon = userInfo.indexOf(':');
        if (colon >= 0 && colon < userInfo.length() - 1) {
            String password = userInfo.substring(colon + 1);
            redacted = redacted.replace(password, "***")
                    .replace(URLDecoder.decode(password, StandardCharsets.UTF_8), "***");
        }
        return redacted;
    }

    private Duration timeout() {
        return config.get().timeout();
    }

    private RedisOptions options(String url, int poolSize, String name) {
        RedisOptions options = new RedisOptions().setConnectionString(url)
                .setMetricsName(name)
                .setPoolName(name)
                .setMaxPoolSize(poolSize)
                .setMaxPoolWaiting(4096)
                .setMaxWaitingHandlers(4096);
        options.getNetClientOptions().setConnectTimeout((int) Math.max(1, timeout().toMillis())).setTcpKeepAlive(true);
        return options;
    }

    /** Host and port of a Redis address, without user or password. */
    private static String where(String url) {
        try {
            URI uri = URI.create(url);
            return uri.getHost() == null
                    ? uri.getScheme() + " socket"
                    : uri.getHost() + ":" + (uri.getPort() < 0 ? 6379 : uri.getPort());
        } catch (IllegalArgumentException e) {
            return "the configured address";
        }
    }

    private static String userInfo(String url) {
        try {
            return URI.create(url).getRawUserInfo();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Escapes Redis glob characters. */
    static String glob(String literal) {
        StringBuilder out = new StringBuilder(literal.length());
        for (char c : literal.toCharArray()) {
            if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
