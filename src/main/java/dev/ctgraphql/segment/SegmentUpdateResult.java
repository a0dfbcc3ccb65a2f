package dev.ctgraphql.segment;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** What updateSegmentMembers did, request by request. */
@Type("SegmentUpdateResult")
@Description("Whether every membership change was accepted by CleverTap, and what became of each request of at most 100.")
public record SegmentUpdateResult(
        @NonNull @Description("True when CleverTap accepted every request.") boolean ok,
        @Description("What was done, or what was not.") String message,
        @NonNull @Description("One entry per request sent, in order: the additions first, then the removals, 100 per "
                + "request.") List<@NonNull SegmentChunkResult> chunks) {
}
