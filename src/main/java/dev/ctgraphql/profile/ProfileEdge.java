package dev.ctgraphql.profile;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** One profile of a page with the cursor to continue after it. */
@Type("ProfileEdge")
@Description("A profile and a cursor to pass as `after`. CleverTap's export cursors are per page, so every edge of a page "
        + "carries the cursor of the next page (the page's endCursor).")
public record ProfileEdge(
        @Description("Cursor of the next page; null on the last page.") String cursor,
        @NonNull @Description("The profile.") Profile node) {
}
