package dev.ctgraphql.catalog;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** A content block with the cursor to continue after it. */
@Type("ContentBlockEdge")
@Description("A content block and a cursor to pass as `after` (CleverTap pages by page number, so every edge of a page "
        + "carries the cursor of the next page).")
public record ContentBlockEdge(
        @Description("Cursor of the next page; null on the last page.") String cursor,
        @NonNull @Description("The block.") ContentBlock node) {
}
