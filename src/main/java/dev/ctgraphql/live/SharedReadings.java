package dev.ctgraphql.live;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;

import dev.ctgraphql.count.RealtimeBucket;
import dev.ctgraphql.count.RealtimeDimension;
import dev.ctgraphql.graphql.GraphQLLong;
import dev.ctgraphql.upstream.ProcessIdentity;
import dev.ctgraphql.upstream.SharedRedis;

/**
 * The live view's polls shared by replicas through the shared Redis: per poll (splits, interval) one replica holds a
 * lease ({@code SET ... PX} of two intervals and a second, renewed at each of its ticks) and polls CleverTap; it stores each reading
 * under a key that the other replicas read at their own ticks and pass on to their subscribers. So subscribers on N
 * replicas cost one upstream poll per interval. When the holder stops (its last subscriber left: it gives the lease
 * back; it died: the lease expires) another replica with subscribers takes over within about two intervals. When Redis cannot
 * be reached a replica polls on its own, as without Redis, and the failure is counted and logged once.
 */
@ApplicationScoped
class SharedReadings {

    private static final Logger LOG = Logger.getLogger(SharedReadings.class);
    private static final String FEATURE = "live view lease";
    /** KEYS lease; ARGV holder, time to live (ms). 1 when the holder has the lease now (kept or taken), else 0. */
    private static final String LEASE = "local holder = redis.call('GET', KEYS[1]) "
            + "if holder == ARGV[1] then redis.call('PEXPIRE', KEYS[1], ARGV[2]) return 1 end "
            + "if holder then return 0 end "
            + "redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 1";
    /** KEYS lease; ARGV holder. Deletes the lease only when this holder has it. */
    private static final String RELEASE = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end "
            + "return 0";

    private final SharedRedis redis;
    private final ObjectMapper mapper;
    /** Names this replica as lease holder: drawn at first use, and again after a restore from a snapshot. */
    private final ProcessIdentity identity;

    SharedReadings(SharedRedis redis, ObjectMapper mapper, ProcessIdentity identity) {
        this.redis = redis;
        this.mapper = mapper;
        this.identity = identity;
    }

    boolean enabled() {
        return redis.enabled();
    }

    /** The latest reading any replica stored for the poll; null when there is none or Redis fails. */
    Uni<LiveUsers> latest(LivePolls.Key key) {
        return redis.send(Request.cmd(Command.GET).arg(readingKey(key)))
                .map(stored -> stored == null ? null : decode(stored.toString()))
                .onFailure().recoverWithItem(failure -> {
                    redis.failed(FEATURE, failure, "each replica polls CleverTap for its own subscribers until it answers");
                    return null;
                });
    }

    /** The shared side of one poll on this replica. */
    Poll poll(LivePolls.Key key) {
        return new Poll(key);
    }

    /** One poll's lease and readings, as seen by this replica. */
    final class Poll {

        private final LivePolls.Key key;
        private final String leaseKey;
        private final String readingKey;
        private final long leaseMillis;
        private volatile OffsetDateTime lastSent;

        Poll(LivePolls.Key key) {
            this.key = key;
            this.leaseKey = redis.key("live:lease:" + key.name());
            this.readingKey = readingKey(key);
            // two intervals, and a second for a tick held up by a slow poll or a busy machine
            this.leaseMillis = Duration.ofSeconds(2L * key.seconds() + 1).toMillis();
        }

        /**
         * The reading for this tick: polled here when this replica holds the lease (or Redis fails), else the latest the
         * holder stored when it is newer than what was sent; null when there is nothing new to send.
         */
        Uni<LiveUsers> next(Supplier<Uni<LiveUsers>> poll) {
            return redis.eval(LEASE, List.of(leaseKey), List.of(holder(), Long.toString(leaseMillis)))
                    .onFailure().recoverWithItem(failure -> {
                        redis.failed(FEATURE, failure, "each replica polls CleverTap for its own subscribers until it answers");
                        return null;
                    })
                    .chain(held -> {
                        if (held == null) {
                            return poll.get();
                        }
                        redis.succeeded(FEATURE);
                        return held.toInteger() == 1 ? pollAndStore(poll) : stored();
                    })
                    .map(this::sentOnce);
        }

        private Uni<LiveUsers> pollAndStore(Supplier<Uni<LiveUsers>> poll) {
            return poll.get().call(reading -> reading == null
                    ? Uni.createFrom().voidItem()
                    : redis.send(Request.cmd(Command.SET).arg(readingKey).arg(encode(reading)).arg("PX")
                            .arg(Math.max(leaseMillis, 3_000L)))
                            .onFailure().recoverWithNull().replaceWithVoid());
        }

        private Uni<LiveUsers> stored() {
            return latest(key);
        }

        private LiveUsers sentOnce(LiveUsers reading) {
            if (reading == null) {
                return null;
            }
            OffsetDateTime last = lastSent;
            if (last != null && !reading.polledAt().isAfter(last)) {
                return null;
            }
            lastSent = reading.polledAt();
            return reading;
        }

        /** Gives the lease back, when this replica holds it, so that another replica need not wait for it to expire. */
        void release() {
            redis.eval(RELEASE, List.of(leaseKey), List.of(holder())).subscribe().with(ok -> {
            }, failure -> LOG.debugf("Live view lease not given back: %s", failure.getClass().getSimpleName()));
        }
    }

    private String holder() {
        return identity.name();
    }

    private String readingKey(LivePolls.Key key) {
        return redis.key("live:reading:" + key.name());
    }

    private String encode(LiveUsers reading) {
        ObjectNode json = mapper.createObjectNode();
        json.put("total", reading.total().longValue());
        json.put("polledAt", reading.polledAt().toString());
        ArrayNode buckets = json.putArray("breakdown");
        for (RealtimeBucket bucket : reading.breakdown()) {
            buckets.addArray().add(bucket.dimension().name()).add(bucket.value()).add(bucket.count().longValue());
        }
        return json.toString();
    }

    private LiveUsers decode(String text) {
        try {
            JsonNode json = mapper.readTree(text);
            List<RealtimeBucket> buckets = new ArrayList<>();
            for (JsonNode bucket : json.path("breakdown")) {
                buckets.add(new RealtimeBucket(RealtimeDimension.valueOf(bucket.get(0).asText()), bucket.get(1).asText(),
                        GraphQLLong.of(bucket.get(2).asLong())));
            }
            return new LiveUsers(GraphQLLong.of(json.path("total").asLong()), List.copyOf(buckets),
                    OffsetDateTime.parse(json.path("polledAt").asText()));
        } catch (Exception e) {
            LOG.debugf("Skipped an unreadable live view reading: %s", e.getClass().getSimpleName());
            return null;
        }
    }
}
