package dev.ctgraphql.graphql;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** Outcome of an operation with no other result. */
@Type("OperationResult")
@Description("Whether the operation did what was asked, and what happened.")
public record OperationResult(
        @NonNull @Description("True when everything asked for was done.") boolean ok,
        @Description("What was done, or what was not and why.") String message) {
}
