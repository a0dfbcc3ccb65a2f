package dev.ctgraphql.count;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Enum;

/** Whether a count is known yet. */
@Enum("CountStatus")
@Description("COMPLETE: value is set. PENDING: CleverTap is still counting; pass requestId to countResult later.")
public enum CountStatus {
    @Description("value holds the count.")
    COMPLETE, @Description("CleverTap is still counting; pass requestId to countResult.")
    PENDING;

}
