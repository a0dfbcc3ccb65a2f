package dev.ctgraphql.graphql;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** Relay-style paging state of a connection. */
@Type("PageInfo")
@Description("Where a page ends. Pass endCursor as `after` to get the next page; cursors come from CleverTap unchanged.")
public record PageInfo(
        @Description("Cursor of the next page, or null at the end.") String endCursor,
        @NonNull @Description("Whether another page follows.") boolean hasNextPage) {

    public static PageInfo of(String nextCursor) {
        return new PageInfo(nextCursor, nextCursor != null);
    }
}
