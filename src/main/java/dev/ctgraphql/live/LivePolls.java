package dev.ctgraphql.live;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import dev.ctgraphql.count.CountClient;
import dev.ctgraphql.count.RealtimeDimension;

/**
 * One upstream poll of the real-time count per distinct (splits, interval), shared by every subscriber that asks for
 * the same: the poll starts with the first subscriber and stops when the last one leaves (Mutiny's reference-counted
 * broadcast, which starts again for the next subscriber). A new subscriber first gets one reading at once (through the
 * real-time cache, so usually no extra upstream call) and then the shared ticks. A failed poll is skipped, not sent:
 * one bad upstream answer must not end every subscription. With the shared Redis, replicas share the poll too (see
 * {@link SharedReadings}): one replica polls, the others pass on its readings.
 */
@ApplicationScoped
class LivePolls {

    private static final Logger LOG = Logger.getLogger(LivePolls.class);

    /** What makes two subscriptions share a poll. */
    record Key(Set<RealtimeDimension> dimensions, int seconds) {

        /** A name for this poll, the same on every replica. */
        String name() {
            return seconds + ":" + dimensions.stream().map(Enum::name).sorted().reduce((a, b) -> a + "," + b).orElse("");
        }
    }

    private final CountClient counts;
    private final SharedReadings readings;
    private final Map<Key, Multi<LiveUsers>> shared = new ConcurrentHashMap<>();

    LivePolls(CountClient counts, SharedReadings readings) {
        this.counts = counts;
        this.readings = readings;
    }

    Multi<LiveUsers> subscribe(EnumSet<RealtimeDimension> dimensions, int seconds) {
        Key key = new Key(Set.copyOf(dimensions), seconds);
        Multi<LiveUsers> ticks = shared.computeIfAbsent(key, this::poll);
        Uni<LiveUsers> first = readings.enabled()
                ? readings.latest(key).chain(found -> found != null
                        ? Uni.createFrom().item(found)
                        : read(key))
                : read(key);
        return Multi.createBy().concatenating().streams(Multi.createFrom().uni(first), ticks);
    }

    private Multi<LiveUsers> poll(Key key) {
        Multi<Long> ticks = Multi.createFrom().ticks().every(Duration.ofSeconds(key.seconds())).onOverflow().drop();
        Multi<LiveUsers> readingsOfKey;
        if (readings.enabled()) {
            SharedReadings.Poll poll = readings.poll(key);
            readingsOfKey = ticks.onItem().transformToUniAndConcatenate(tick -> poll.next(() -> read(key)))
                    .onTermination().invoke(poll::release);
        } else {
            readingsOfKey = ticks.onItem().transformToUniAndConcatenate(tick -> read(key));
        }
        return readingsOfKey.broadcast().withCancellationAfterLastSubscriberDeparture().toAllSubscribers();
    }

    /** One reading; null (which Mutiny's transformToUni skips) when the upstream call failed. */
    private Uni<LiveUsers> read(Key key) {
        EnumSet<RealtimeDimension> dimensions = key.dimensions().isEmpty()
                ? EnumSet.noneOf(RealtimeDimension.class)
                : EnumSet.copyOf(key.dimensions());
        return counts.realtimeCount(dimensions)
                .map(count -> LiveUsers.of(count, OffsetDateTime.now(ZoneOffset.UTC)))
                .onFailure().recoverWithItem(failure -> {
                    LOG.debugf("Live view poll skipped: %s", failure.getClass().getSimpleName());
                    return null;
                });
    }
}
