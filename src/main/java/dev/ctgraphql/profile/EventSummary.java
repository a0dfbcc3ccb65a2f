package dev.ctgraphql.profile;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import dev.ctgraphql.graphql.GraphQLLong;

/** How often and when a profile did one event. */
@Type("EventSummary")
@Description("How often and when the profile did one event, over its whole history.")
public record EventSummary(
        @NonNull @Description("Event name.") String eventName,
        @NonNull @Description("Times done.") GraphQLLong count,
        @Description("First time.") OffsetDateTime firstSeen,
        @Description("Last time.") OffsetDateTime lastSeen) {
}
