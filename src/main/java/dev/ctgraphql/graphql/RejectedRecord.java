package dev.ctgraphql.graphql;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** One record of an upload that was not stored. */
@Type("RejectedRecord")
@Description("A record that was not stored, by its position in the list you sent.")
public record RejectedRecord(
        @NonNull @Description("0-based index into the list you sent (-1 if CleverTap named a record that cannot be placed).") int index,
        @Description("CleverTap's error code (e.g. 509 event name missing, 515 email invalid, 523 identity missing), or "
                + "429/503 when CleverTap refused the request, or null when the outcome is unknown.") Integer code,
        @NonNull @Description("Why, and whether sending it again is safe.") String message) {
}
