package dev.ctgraphql.profile;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import dev.ctgraphql.graphql.PageInfo;

/** One page of profiles. */
@Type("ProfileConnection")
@Description("One page of profiles; CleverTap may return fewer than asked for even when more follow.")
public record ProfileConnection(
        @NonNull @Description("The profiles of this page.") List<@NonNull Profile> nodes,
        @NonNull @Description("The profiles of this page with their cursors (Relay).") List<@NonNull ProfileEdge> edges,
        @NonNull @Description("Where the page ends.") PageInfo pageInfo) {

    /** A page and its edges: CleverTap's cursors are per page, so each edge carries the cursor of the next page. */
    public ProfileConnection(List<Profile> nodes, PageInfo pageInfo) {
        this(nodes, nodes.stream().map(node -> new ProfileEdge(pageInfo.endCursor(), node)).toList(), pageInfo);
    }
}
