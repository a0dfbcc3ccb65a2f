package dev.ctgraphql.message;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** What happened to a custom list upload. */
@Type("CustomListResult")
@Description("The list's file was stored and CleverTap told to build the list; CleverTap emails the outcome.")
public record CustomListResult(
        @NonNull @Description("Rows (members) in the file sent.") int rows,
        @Description("What CleverTap said, when it said anything.") String message) {
}
