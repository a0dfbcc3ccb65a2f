package dev.ctgraphql.count;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import dev.ctgraphql.graphql.GraphQLLong;

/** The result of a count query, final or still being computed. */
@Type("Count")
@Description("A count: COMPLETE with its value, or PENDING with the requestId to resume it with countResult.")
public record Count(
        @NonNull @Description("COMPLETE or PENDING.") CountStatus status,
        @Description("The count when COMPLETE.") GraphQLLong value,
        @Id @Description("When PENDING: pass to countResult to get the value later.") String requestId) {

    static Count complete(long value) {
        return new Count(CountStatus.COMPLETE, GraphQLLong.of(value), null);
    }

    static Count pending(String requestId) {
        return new Count(CountStatus.PENDING, null, requestId);
    }
}
