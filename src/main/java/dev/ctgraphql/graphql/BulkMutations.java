package dev.ctgraphql.graphql;

import java.lang.annotation.Annotation;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import io.quarkus.arc.Arc;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.graphql.spi.EventingService;

import graphql.schema.DataFetcher;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLSchema;

/**
 * Installs every {@link BulkMutation} as the data fetcher of the Mutation field its {@code @Identifier} names when the
 * schema is built. SmallRye loads it as a service ({@code META-INF/services/io.smallrye.graphql.spi.EventingService},
 * listed before the role guard, which wraps what this installs) and builds the schema during static initialisation,
 * before run-time configuration exists: the beans are only looked at here (their qualifiers), and created on first use.
 */
public class BulkMutations implements EventingService {

    private static final Logger LOG = Logger.getLogger(BulkMutations.class);

    /** Always on: a null key means SmallRye enables this service whatever the configuration. */
    @Override
    public String getConfigKey() {
        return null;
    }

    @Override
    public GraphQLSchema.Builder beforeSchemaBuild(GraphQLSchema.Builder builder) {
        // SmallRye has set its code registry before this event; build once to read it, then replace a few fetchers
        GraphQLCodeRegistry registry = builder.build().getCodeRegistry();
        GraphQLCodeRegistry.Builder codeRegistry = GraphQLCodeRegistry.newCodeRegistry(registry);
        for (Instance.Handle<BulkMutation> handle : Arc.container().select(BulkMutation.class, Any.Literal.INSTANCE)
                .handles()) {
            String field = field(handle);
            DataFetcher<?> fetcher = environment -> handle.get().fetch(environment).subscribeAsCompletionStage();
            codeRegistry.dataFetcher(FieldCoordinates.coordinates("Mutation", field), fetcher);
            LOG.debugf("Mutation.%s reads its arguments directly", field);
        }
        return builder.codeRegistry(codeRegistry.build());
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
