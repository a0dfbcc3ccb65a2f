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
        @NonNull @Description("Where the page ends.") PageInfo pageInfo) {
}
