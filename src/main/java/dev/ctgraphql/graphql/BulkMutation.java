package dev.ctgraphql.graphql;

import io.smallrye.mutiny.Uni;

import graphql.schema.DataFetchingEnvironment;

/**
 * A mutation whose arguments are read straight from graphql-java's coerced values instead of through SmallRye's
 * per-object conversion (a JSON-B round trip per input object, which costs tens of microseconds each and runs on the
 * event loop: seconds for a 50,000-record upload). The annotated {@code @Mutation} method still defines the field and
 * its documentation in the schema; this bean, qualified {@code @Identifier("<field>")} and
 * {@code @Unremovable} (nothing injects it: {@link BulkMutations} looks it up), answers it.
 */
public interface BulkMutation {

    /** Answers the field from the raw arguments of {@code environment}. */
    Uni<?> fetch(DataFetchingEnvironment environment);
}
