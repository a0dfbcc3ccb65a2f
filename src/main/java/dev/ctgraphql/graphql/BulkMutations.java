package dev.ctgraphql.graphql;

import java.lang.annotation.Annotation;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import io.quarkus.arc.Arc;
import io.smallrye.common.annotation.Identifier;

import graphql.schema.DataFetcher;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLCodeRegistry;

/**
 * Installs every {@link BulkMutation} as the data fetcher of the Mutation field its {@code @Identifier} names when the
 * schema is built: a step of {@link SchemaFinish}, before the role guard, which wraps what this installs. SmallRye
 * builds the schema during static initialisation, before run-time configuration exists: the beans are only looked at
 * here (their qualifiers), and created on first use.
 */
public final class BulkMutations {

    private static final Logger LOG = Logger.getLogger(BulkMutations.class);

    private BulkMutations() {
    }

    /** Replaces the fetchers of the bulk mutation fields in {@code codeRegistry}. */
    static void install(GraphQLCodeRegistry.Builder codeRegistry) {
        for (Instance.Handle<BulkMutation> handle : Arc.container().select(BulkMutation.class, Any.Literal.INSTANCE)
                .handles()) {
            String field = field(handle);
            DataFetcher<?> fetcher = environment -> handle.get().fetch(environment).subscribeAsCompletionStage();
            codeRegistry.dataFetcher(FieldCoordinates.coordinates("Mutation", field), fetcher);
            LOG.debugf("Mutation.%s reads its arguments directly", field);
        }
    }

    /** The Mutation fields the bulk mutations answer, by their {@code @Identifier}. */
    public static Set<String> fields() {
        Set<String> fields = new TreeSet<>();
        for (Instance.Handle<BulkMutation> handle : Arc.container().select(BulkMutation.class, Any.Literal.INSTANCE)
                .handles()) {
            fields.add(field(handle));
        }
        return fields;
    }

    private static String field(Instance.Handle<BulkMutation> handle) {
        for (Annotation qualifier : handle.getBean().getQualifiers()) {
            if (qualifier instanceof Identifier identifier) {
                return identifier.value();
            }
        }
        throw new IllegalStateException(handle.getBean().getBeanClass().getName()
                + " implements BulkMutation without @Identifier(\"<mutation field>\")");
    }
}
