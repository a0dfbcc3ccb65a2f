package dev.ctgraphql.webhook;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.RedisConnection;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

import dev.ctgraphql.upstream.Pause;
import dev.ctgraphql.upstream.SharedRedis;

/**
 * The last {@code webhooks.store-size} deliveries, newest last, and a live stream of new ones.
 *
 * <p>
 * Without the shared Redis they are kept in this replica's memory. With it ({@code clevertap.shared-cache.redis-url})
 * they are kept in a Redis Stream trimmed to about the store size ({@code XADD ... MAXLEN ~}), numbered by one Redis
 * counter, so that every replica lists every delivery; each replica that has live subscribers reads the stream with a
 * blocking {@code XREAD} on a connection of its own and pushes what any replica received. While Redis cannot be
 * reached a delivery is still accepted (CleverTap must get its 200), kept in this replica's memory with an id
 * {@code local-<n>}, listed by this replica alongside the shared ones and pushed to this replica's subscribers; the
 * failure is counted in {@code clevertap.shared.failures} and logged once.
 */
@ApplicationScoped
public class WebhookStore {

    private static final Logger LOG = Logger.getLogger(WebhookStore.class);
    private static final String STORE = "webhook store";
    private static final String STREAM = "webhook stream";
    /** Numbers the delivery and appends it, in one step: KEYS stream, counter; ARGV max length, received at, body. */
    private static final String APPEND = "local id = redis.call('INCR', KEYS[2]) "
            + "redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', 'id', id, 'at', ARGV[2], 'body', ARGV[3]) "
            + "return id";
    private static final int READ_BATCH = 100;
    private static final long BLOCK_MILLIS = 1000;
    /** An XREAD that has not answered this long after its block ended is on a dead connection. */
    private static final Duration DEAD_CONNECTION = Duration.ofSeconds(5);
    private static final String LOCAL_ID = "local-";

    private final int capacity;
    private final SharedRedis redis;
    private final ObjectMapper mapper;
    private final String streamKey;
    private final String counterKey;
    /** Every delivery without Redis; with it, only those kept here while Redis could not be reached. */
    private final Deque<WebhookDelivery> deliveries = new ArrayDeque<>();
    private final BroadcastProcessor<WebhookDelivery> live = BroadcastProcessor.create();
    /** Stream entries already read, by entry id, so that listing them again does not parse them again. */
    private final Map<String, WebhookDelivery> read;
    private final AtomicBoolean reading = new AtomicBoolean();
    private long sequence;
    private volatile boolean closed;

    WebhookStore(WebhookConfig config, SharedRedis redis, ObjectMapper mapper) {
        this.capacity = config.storeSize();
        this.redis = redis;
        this.mapper = mapper;
        this.streamKey = redis.key("webhooks:deliveries");
        this.counterKey = redis.key("webhooks:sequence");
        int keep = 2 * capacity;
        this.read = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, WebhookDelivery> eldest) {
                return size() > keep;
            }
        };
    }

    @PreDestroy
    void close() {
        closed = true;
    }

    /** Most deliveries {@link #last} can return. */
    int capacity() {
        return capacity;
    }

    /**
     * Keeps a delivery (its id is given here), dropping the oldest when full, and pushes it to live subscribers; the Uni
     * never fails: without Redis the delivery is kept in memory.
     */
    Uni<WebhookDelivery> add(WebhookDelivery received, JsonNode body) {
        if (!redis.enabled()) {
            return Uni.createFrom().item(() -> keepLocally(received.withId(nextLocalId(""))));
        }
        return redis.eval(APPEND, List.of(streamKey, counterKey),
                List.of(Integer.toString(capacity), received.receivedAt().toString(), body.toString()))
                .map(id -> {
                    redis.succeeded(STORE);
                    // the replicas' stream readers push it, this one's included
                    return received.withId(id.toString());
                })
                .onFailure().recoverWithItem(failure -> {
                    redis.failed(STORE, failure, "deliveries are kept in the memory of the replica that received them "
                            + "until it answers");
                    return keepLocally(received.withId(nextLocalId(LOCAL_ID)));
                });
    }

    private synchronized String nextLocalId(String prefix) {
        return prefix + ++sequence;
    }

    private WebhookDelivery keepLocally(WebhookDelivery delivery) {
        synchronized (this) {
            if (deliveries.size() == capacity) {
                deliveries.removeFirst();
            }
            deliveries.addLast(delivery);
            // under the lock: the processor needs its items one at a time, in order
            live.onNext(delivery);
        }
        return delivery;
    }

    /** Up to {@code count} of the newest deliveries for the target (all targets when null), newest first. */
    Uni<List<WebhookDelivery>> last(String targetId, int count) {
        return all().map(all -> all.stream().filter(delivery -> delivery.matches(targetId)).limit(count).toList());
    }

    /** Per target, what the store holds, most recently called first. */
    Uni<List<WebhookTarget>> targets() {
        return all().map(WebhookStore::byTarget);
    }

    private static List<WebhookTarget> byTarget(List<WebhookDelivery> newestFirst) {
        Map<String, WebhookTarget> byTarget = new LinkedHashMap<>();
        for (WebhookDelivery delivery : newestFirst) {
            String key = delivery.targetId() == null ? "" : delivery.targetId();
            WebhookTarget known = byTarget.get(key);
            OffsetDateTime last = known == null ? delivery.receivedAt() : known.lastReceivedAt();
            byTarget.put(key, new WebhookTarget(delivery.targetId(), (known == null ? 0 : known.deliveries()) + 1,
                    (known == null ? 0 : known.users()) + delivery.profiles().size(), last));
        }
        return List.copyOf(byTarget.values());
    }

    /** Every delivery held, newest first: the shared ones and those kept here, or only these when Redis fails. */
    private Uni<List<WebhookDelivery>> all() {
        List<WebhookDelivery> local = localNewestFirst();
        if (!redis.enabled()) {
            return Uni.createFrom().item(local);
        }
        return redis.send(Request.cmd(Command.XREVRANGE).arg(streamKey).arg("+").arg("-").arg("COUNT").arg(capacity))
                .map(entries -> {
                    redis.succeeded(STORE);
                    List<WebhookDelivery> merged = new ArrayList<>(local);
                    if (entries != null) {
                        for (Response entry : entries) {
                            WebhookDelivery delivery = parsed(entry);
                            if (delivery != null) {
                                merged.add(delivery);
                            }
                        }
                    }
                    if (!local.isEmpty()) {
                        merged.sort(Comparator.comparing(WebhookDelivery::receivedAt).reversed());
                    }
                    return merged.size() > capacity ? List.copyOf(merged.subList(0, capacity)) : merged;
                })
                .onFailure().recoverWithItem(failure -> {
                    redis.failed(STORE, failure, "this replica lists only the deliveries it kept itself until it answers");
                    return local;
                });
    }

    private synchronized List<WebhookDelivery> localNewestFirst() {
        List<WebhookDelivery> found = new ArrayList<>(deliveries.size());
        for (Iterator<WebhookDelivery> it = deliveries.descendingIterator(); it.hasNext();) {
            found.add(it.next());
        }
        return found;
    }

    /** A stream entry ({@code [entry id, [field, value, ...]]}) as a delivery; null when it cannot be read. */
    private WebhookDelivery parsed(Response entry) {
        String entryId = entry.get(0).toString();
        synchronized (read) {
            WebhookDelivery known = read.get(entryId);
            if (known != null) {
                return known;
            }
        }
        try {
            Map<String, String> fields = new HashMap<>();
            Response pairs = entry.get(1);
            for (int i = 0; i + 1 < pairs.size(); i += 2) {
                fields.put(pairs.get(i).toString(), pairs.get(i + 1).toString());
            }
            WebhookDelivery delivery = WebhookPayload.read(mapper.readTree(fields.get("body")), fields.get("id"),
                    OffsetDateTime.parse(fields.get("at")));
            synchronized (read) {
                read.put(entryId, delivery);
            }
            return delivery;
        } catch (Exception e) {
            LOG.debugf("Skipped an unreadable webhook stream entry: %s", e.getClass().getSimpleName());
            return null;
        }
    }

    /** Deliveries for the target (all when null) from now on, whichever replica received them. */
    Multi<WebhookDelivery> stream(String targetId) {
        if (redis.enabled() && reading.compareAndSet(false, true)) {
            startReading();
        }
        return live.select().where(delivery -> delivery.matches(targetId));
    }

    /** Reads the stream from its current end on: every entry added afterwards is pushed once. */
    private void startReading() {
        redis.send(Request.cmd(Command.XREVRANGE).arg(streamKey).arg("+").arg("-").arg("COUNT").arg(1))
                .map(last -> last == null || last.size() == 0 ? "0-0" : last.get(0).get(0).toString())
                .subscribe().with(this::connectAndRead, failure -> readAgainLater(null, failure));
    }

    private void connectAndRead(String after) {
        redis.connect().subscribe().with(connection -> readFrom(connection, after), failure -> readAgainLater(after, failure));
    }

    private void readFrom(RedisConnection connection, String after) {
        if (closed) {
            connection.close().subscribe().with(ok -> {
            }, e -> {
            });
            return;
        }
        Request xread = Request.cmd(Command.XREAD).arg("COUNT").arg(READ_BATCH).arg("BLOCK").arg(BLOCK_MILLIS)
                .arg("STREAMS").arg(streamKey).arg(after);
        connection.send(xread)
                .ifNoItem().after(Duration.ofMillis(BLOCK_MILLIS).plus(DEAD_CONNECTION)).fail()
                .subscribe().with(answer -> {
                    redis.succeeded(STREAM);
                    readFrom(connection, pushed(answer, after));
                }, failure -> {
                    connection.close().subscribe().with(ok -> {
                    }, e -> {
                    });
                    readAgainLater(after, failure);
                });
    }

    /** Pushes the entries of an XREAD answer ({@code [[stream, [entry, ...]]]}, null when none came); the last id read. */
    private String pushed(Response answer, String after) {
        if (answer == null || answer.size() == 0) {
            return after;
        }
        String last = after;
        for (Response entry : answer.get(0).get(1)) {
            last = entry.get(0).toString();
            WebhookDelivery delivery = parsed(entry);
            if (delivery != null) {
                synchronized (this) {
                    live.onNext(delivery);
                }
            }
        }
        return last;
    }

    private void readAgainLater(String after, Throwable failure) {
        if (closed) {
            return;
        }
        redis.failed(STREAM, failure, "live webhook subscribers here get only the calls this replica receives until it "
                + "answers; tried again every " + redis.retryAfter());
        Pause.of(redis.retryAfter()).subscribe().with(ignored -> {
            if (after == null) {
                startReading();
            } else {
                connectAndRead(after);
            }
        });
    }

    /** Forgets every delivery (tests). */
    Uni<Void> clear() {
        synchronized (this) {
            deliveries.clear();
        }
        synchronized (read) {
            read.clear();
        }
        if (!redis.enabled()) {
            return Uni.createFrom().voidItem();
        }
        return redis.send(Request.cmd(Command.DEL).arg(streamKey)).replaceWithVoid()
                .onFailure().recoverWithNull();
    }
}
