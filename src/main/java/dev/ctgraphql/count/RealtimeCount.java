package dev.ctgraphql.count;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import dev.ctgraphql.graphql.GraphQLLong;

/** The real-time active-user count and its splits. */
@Type("RealtimeCount")
@Description("Users active in the last 5 minutes, with the splits asked for.")
public record RealtimeCount(
        @NonNull @Description("Active users.") GraphQLLong total,
        @NonNull @Description("One bucket per value of each requested dimension, largest first.") List<@NonNull RealtimeBucket> breakdown) {
}
