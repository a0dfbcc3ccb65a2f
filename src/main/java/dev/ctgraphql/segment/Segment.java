package dev.ctgraphql.segment;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** A CleverTap API segment. */
@Type("Segment")
@Description("A CleverTap API segment (private beta): a named audience whose members are set through this API.")
public record Segment(
        @NonNull @Description("Segment name.") String name,
        @NonNull @Id @Description("Your id for the segment.") String customerSegmentId,
        @Id @Description("CleverTap's id for the segment, when CleverTap returned one.") String segmentId) {
}
