package dev.ctgraphql.live;

import java.util.EnumSet;
import java.util.List;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import io.smallrye.graphql.api.Nullable;
import io.smallrye.graphql.api.Subscription;
import io.smallrye.mutiny.Multi;

import dev.ctgraphql.count.RealtimeDimension;
import dev.ctgraphql.upstream.CleverTapBadInputException;

/** The live view: the real-time active-user count, pushed to subscribers. */
@GraphQLApi
public class LiveViewGraphQLApi {

    /** Bounds of the interval a client may pick: faster than 2 s would only re-read the real-time cache. */
    static final int MIN_INTERVAL_SECONDS = 2;
    static final int MAX_INTERVAL_SECONDS = 60;

    private final LivePolls polls;

    LiveViewGraphQLApi(LivePolls polls) {
        this.polls = polls;
    }

    @Subscription
    @Description("Users active in the last 5 minutes: one reading at once, then one every intervalSeconds. Subscribers "
            + "asking for the same splits and interval share one poll of CleverTap.")
    public Multi<@NonNull LiveUsers> liveUsers(
            @Nullable @Name("splitBy") @Description("Dimensions to split the count by.") List<@NonNull RealtimeDimension> splitBy,
            @Name("intervalSeconds") @DefaultValue("5") @Description("Seconds between readings, 2 to 60.") int intervalSeconds) {
        CleverTapBadInputException.check(intervalSeconds >= MIN_INTERVAL_SECONDS && intervalSeconds <= MAX_INTERVAL_SECONDS,
                "intervalSeconds", "must be between " + MIN_INTERVAL_SECONDS + " and " + MAX_INTERVAL_SECONDS);
        EnumSet<RealtimeDimension> dimensions = EnumSet.noneOf(RealtimeDimension.class);
        if (splitBy != null) {
            dimensions.addAll(splitBy);
        }
        return polls.subscribe(dimensions, intervalSeconds);
    }
}
