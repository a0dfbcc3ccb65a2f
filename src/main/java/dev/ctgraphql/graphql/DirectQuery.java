package dev.ctgraphql.graphql;

import io.smallrye.mutiny.Uni;

import graphql.schema.DataFetchingEnvironment;

/**
 * A hand-written answer to one Query field on the lean executor ({@code graphql.http.LeanExecution}), used instead of
 * the fetcher it derives from SmallRye's model: for fields whose common case can skip even the reactive pipeline (a
 * fresh cache entry answered as a value). It reads graphql-java's coerced arguments and calls its domain's API bean
 * directly; the answer's types are read by the executor's own accessors. Implementations are {@code @Singleton} and
 * {@code @Unremovable} beans (nothing injects them by type).
 */
public interface DirectQuery {

    /** The Query field it answers. */
    String field();

    /**
     * Answers the field from the raw arguments of {@code environment}: the value itself when it is at hand (a fresh
     * cache entry: no reactive pipeline, whose context propagation costs more than the rest of the query), else a
     * {@link Uni} of it.
     */
    Object fetch(DataFetchingEnvironment environment);
}
