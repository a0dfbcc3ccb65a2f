package dev.ctgraphql.live;

import java.time.OffsetDateTime;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import dev.ctgraphql.count.RealtimeBucket;
import dev.ctgraphql.count.RealtimeCount;
import dev.ctgraphql.graphql.GraphQLLong;

/** One reading of the live view. */
@Type("LiveUsers")
@Description("Users active in the last 5 minutes at one poll, with the splits asked for.")
public record LiveUsers(
        @NonNull @Description("Active users.") GraphQLLong total,
        @NonNull @Description("One bucket per value of each requested dimension, largest first.") List<@NonNull RealtimeBucket> breakdown,
        @NonNull @Description("When this reading was taken; subscribers sharing a poll see the same times.") OffsetDateTime polledAt) {

    static LiveUsers of(RealtimeCount count, OffsetDateTime polledAt) {
        return new LiveUsers(count.total(), count.breakdown(), polledAt);
    }
}
