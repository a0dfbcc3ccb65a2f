package dev.ctgraphql.graphql;

import io.smallrye.mutiny.Uni;

import graphql.schema.DataFetchingEnvironment;

/**
 * A mutation whose list argument is read straight from JSON ({@link BulkArguments}: the request body's own bytes when
 * the list came in a variable) instead of through SmallRye's per-object conversion (a JSON-B round trip per input
 * object) and graphql-java's coercion, which together cost tens of microseconds per record on the event loop. The
 * annotated {@code @Mutation} method still defines the field and its documentation in the schema; this bean, qualified
 * {@code @Identifier("<field>")} and {@code @Unremovable} (nothing injects it: {@link BulkMutations} looks it up),
 * answers it.
 */
public interface BulkMutation {

    /** Answers the field from the raw arguments of {@code environment}. */
    Uni<?> fetch(DataFetchingEnvironment environment);
}
