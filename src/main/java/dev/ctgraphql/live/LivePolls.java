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
 * one bad upstream answer must not end every subscription.
 */
@ApplicationScoped
class LivePolls {

    private static final Logger LOG = Logger.getLogger(LivePolls.class);

    /** What makes two subscriptions share a poll. */
    private record Key(Set<RealtimeDimension> dimensions, int seconds) {
    }

    private final CountClient counts;
    private final Map<Key, Multi<LiveUsers>> shared = new ConcurrentHashMap<>();

    LivePolls(CountClient counts) {
        this.counts = counts;
    }

    Multi<LiveUsers> subscribe(EnumSet<RealtimeDimension> dimensions, int seconds) {
        Key key = new Key(Set.copyOf(dimensions), seconds);
        Multi<LiveUsers> ticks = shared.computeIfAbsent(key, this::poll);
        return Multi.createBy().concatenating().streams(Multi.createFrom().uni(read(key)), ticks);
    }

    private Multi<LiveUsers> poll(Key key) {
        return Multi.createFrom().ticks().every(Duration.ofSeconds(key.seconds()))
                .onOverflow().drop()
                .onItem().transformToUniAndConcatenate(tick -> read(key))
                .broadcast().withCancellationAfterLastSubscriberDeparture().toAllSubscribers();
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
