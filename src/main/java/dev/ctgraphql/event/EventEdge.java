package dev.ctgraphql.event;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** One event of a page with the cursor to continue after it. */
@Type("EventEdge")
@Description("An event and a cursor to pass as `after`. CleverTap's export cursors are per page, so every edge of a page "
        + "carries the cursor of the next page (the page's endCursor).")
public record EventEdge(
        @Description("Cursor of the next page; null on the last page.") String cursor,
        @NonNull @Description("The event.") Event node) {
}
