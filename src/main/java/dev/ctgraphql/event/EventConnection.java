package dev.ctgraphql.event;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import dev.ctgraphql.graphql.PageInfo;

/** One page of events. */
@Type("EventConnection")
@Description("One page of events, oldest first; CleverTap may return fewer than asked for even when more follow.")
public record EventConnection(
        @NonNull @Description("The events of this page.") List<@NonNull Event> nodes,
        @NonNull @Description("The events of this page with their cursors (Relay).") List<@NonNull EventEdge> edges,
        @NonNull @Description("Where the page ends.") PageInfo pageInfo) {

    /** A page and its edges: CleverTap's cursors are per page, so each edge carries the cursor of the next page. */
    public EventConnection(List<Event> nodes, PageInfo pageInfo) {
        this(nodes, nodes.stream().map(node -> new EventEdge(pageInfo.endCursor(), node)).toList(), pageInfo);
    }
}
