package dev.ctgraphql.segment;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** One updateSegment request of at most 100 membership changes and what CleverTap said to it. */
@Type("SegmentChunkResult")
@Description("One request of at most 100 membership changes: which ones, and whether CleverTap accepted it.")
public record SegmentChunkResult(
        @NonNull @Description("Position of the request's first change in the list of additions followed by removals.") int first,
        @NonNull @Description("Changes in the request.") int count,
        @NonNull @Description("Whether CleverTap accepted the request.") boolean ok,
        @Description("Why not, when it did not; sending the same changes again is safe.") String message) {
}
