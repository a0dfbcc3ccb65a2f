package dev.ctgraphql.catalog;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import dev.ctgraphql.graphql.PageInfo;

/** One page of content blocks. */
@Type("ContentBlockConnection")
@Description("One page of content blocks.")
public record ContentBlockConnection(
        @NonNull @Description("The blocks of this page.") List<@NonNull ContentBlock> nodes,
        @NonNull @Description("The blocks of this page with their cursors (Relay).") List<@NonNull ContentBlockEdge> edges,
        @NonNull @Description("Where the page ends.") PageInfo pageInfo,
        @Description("Blocks matching the filter on all pages, when CleverTap says.") Integer totalCount) {

    static ContentBlockConnection of(List<ContentBlock> nodes, PageInfo pageInfo, Integer totalCount) {
        return new ContentBlockConnection(nodes,
                nodes.stream().map(node -> new ContentBlockEdge(pageInfo.endCursor(), node)).toList(), pageInfo, totalCount);
    }
}
