package dev.ctgraphql.graphql;

import java.util.Map;

import io.smallrye.mutiny.Uni;

import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;

/**
 * A Query field answered without SmallRye's per-field machinery: it reads graphql-java's coerced arguments (no JSON-B
 * round trip), calls its domain's API bean directly (no reflective invocation, no bean lookup per call), and says how
 * the object types of its answer are read (plain accessors instead of reflective property fetchers that copy
 * SmallRye's context for every field). The annotated {@code @Query} method still defines the field in the schema and
 * answers it over WebSocket and in documents mixing other fields; the HTTP endpoint runs documents made only of such
 * fields on its own lean executor ({@code graphql.http.LeanExecution}). Implementations are {@code @Singleton}
 * and {@code @Unremovable} beans (nothing injects them by type).
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

    /**
     * How every field of every object type its answer can contain is read: type name, then field name. A type or field
     * missing here keeps the whole Query field on SmallRye's executor.
     */
    Map<String, Map<String, DataFetcher<?>>> outputs();
}
