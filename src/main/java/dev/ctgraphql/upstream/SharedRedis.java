package dev.ctgraphql.upstream;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisConnection;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.redis.client.ProtocolVersion;
import io.vertx.redis.client.RedisOptions;

/**
 * The Redis of {@code clevertap.shared-cache.redis-url} for what replicas share besides cached answers (webhook
 * deliveries, the live view's poll lease): keys under {@code <prefix>v1:<account id>:}, a client made at first use (not
 * at start), and one place that counts failures per feature ({@code clevertap.shared.failures}) and logs them once per
 * outage. Callers decide what to do without Redis; nothing here retries.
 */
@ApplicationScoped
public class SharedRedis {

    private static final Logger LOG = Logger.getLogger(SharedRedis.class);
    private static final String FORMAT = "v1:";

    private final Optional<CleverTapConfig.SharedCache> config;
    private final Vertx vertx;
    private final MeterRegistry registry;
    private final String base;
    private final Map<String, AtomicBoolean> healthy = new ConcurrentHashMap<>();
    private final Map<String, Counter> failures = new ConcurrentHashMap<>();
    private volatile Redis client;

    SharedRedis(CleverTapConfig config, CleverTapCredentials credentials, Vertx vertx, MeterRegistry registry,
            ProcessIdentity identity) {
        this.config = config.sharedCache().redisUrl().filter(url -> !url.isBlank()).map(url -> config.sharedCache());
        this.vertx = vertx;
        this.registry = registry;
        this.base = config.sharedCache().keyPrefix() + FORMAT + credentials.accountId() + ":";
        identity.onRestore(this::restored);
    }

    /** After a restore from a snapshot the pooled connections are dead: the next command makes a new client. */
    private void restored() {
        Redis current;
        synchronized (this) {
            current = client;
            client = null;
        }
        if (current != null) {
            current.close();
        }
    }

    @PreDestroy
    void close() {
        Redis current = client;
        if (current != null) {
            current.close();
        }
    }

    /** True when a Redis address is configured. */
    public boolean enabled() {
        return config.isPresent();
    }

    /** The full Redis key (or channel) of a name, distinct per key prefix and CleverTap account. */
    public String key(String name) {
        return base + name;
    }

    /** The longest wait for one command. */
    public Duration timeout() {
        return config.map(CleverTapConfig.SharedCache::timeout).orElse(Duration.ofMillis(500));
    }

    /** How long a caller waits after a failure before trying Redis again. */
    public Duration retryAfter() {
        return config.map(CleverTapConfig.SharedCache::retryAfter).orElse(Duration.ofSeconds(5));
    }

    /** Sends one command; fails when Redis fails or does not answer within {@link #timeout()}. */
    public Uni<Response> send(Request request) {
        return Uni.createFrom().deferred(() -> client().send(request)).ifNoItem().after(timeout()).fail();
    }

    /** Runs a Lua script ({@code EVAL}) on the given keys and arguments. */
    public Uni<Response> eval(String script, List<String> keys, List<String> args) {
        Request request = Request.cmd(Command.EVAL).arg(script).arg(keys.size());
        keys.forEach(request::arg);
        args.forEach(request::arg);
        return send(request);
    }

    /** A connection of its own (for blocking reads), which the caller closes; fails like {@link #send}. */
    public Uni<RedisConnection> connect() {
        return Uni.createFrom().deferred(() -> client().connect()).ifNoItem().after(timeout()).fail();
    }

    /** Notes that a feature's command worked: logs once when it had failed before. */
    public void succeeded(String feature) {
        AtomicBoolean state = healthy.get(feature);
        if (state != null && state.compareAndSet(false, true)) {
            LOG.infof("Shared Redis answers %s again", feature);
        }
    }

    /** Counts a feature's failure and logs it once per outage (then at DEBUG), saying what happens instead. */
    public void failed(String feature, Throwable failure, String instead) {
        failures.computeIfAbsent(feature, f -> Counter.builder("clevertap.shared.failures").tag("feature", f)
                .description("Shared Redis commands that failed or timed out, by feature").register(registry)).increment();
        if (healthy.computeIfAbsent(feature, f -> new AtomicBoolean(true)).compareAndSet(true, false)) {
            LOG.warnf("Shared Redis failed for %s (%s); %s", feature, describe(failure), instead);
        } else {
            LOG.debugf("Shared Redis still failing for %s (%s)", feature, describe(failure));
        }
    }

    /** The features whose last command failed, sorted (for readiness). */
    public List<String> failing() {
        return healthy.entrySet().stream().filter(entry -> !entry.getValue().get()).map(Map.Entry::getKey).sorted().toList();
    }

    private Redis client() {
        Redis current = client;
        if (current == null) {
            synchronized (this) {
                current = client;
                if (current == null) {
                    String url = config.orElseThrow(() -> new IllegalStateException("no shared Redis configured"))
                            .redisUrl().get();
                    RedisOptions options = new RedisOptions().setConnectionString(url)
                            .setMetricsName("clevertap-shared")
                            .setPoolName("clevertap-shared")
                            .setMaxPoolSize(8)
                            .setMaxPoolWaiting(1024)
                            .setMaxWaitingHandlers(1024)
                            // answers as arrays (XREAD, XREVRANGE), whatever the server prefers
                            .setPreferredProtocolVersion(ProtocolVersion.RESP2);
                    options.getNetClientOptions().setConnectTimeout((int) Math.max(1, timeout().toMillis()))
                            .setTcpKeepAlive(true);
                    current = Redis.createClient(vertx, options);
                    client = current;
                }
            }
        }
        return current;
    }

    private String describe(Throwable failure) {
        Throwable e = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        String text = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        return config.map(c -> RedisTier.redact(text, c.redisUrl().get())).orElse(text);
    }
}
