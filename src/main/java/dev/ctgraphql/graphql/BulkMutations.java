package dev.ctgraphql.graphql;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import graphql.schema.DataFetcher;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLSchema;

/** Installs every {@link BulkMutation} as the data fetcher of its Mutation field when the schema is built. */
@ApplicationScoped
public class BulkMutations {

    private static final Logger LOG = Logger.getLogger(BulkMutations.class);

    GraphQLSchema.Builder install(@Observes GraphQLSchema.Builder builder, Instance<BulkMutation> mutations) {
        // SmallRye has set its code registry before this event; build once to read it, then replace a few fetchers
        GraphQLCodeRegistry registry = builder.build().getCodeRegistry();
        GraphQLCodeRegistry.Builder codeRegistry = GraphQLCodeRegistry.newCodeRegistry(registry);
        for (BulkMutation mutation : mutations) {
            DataFetcher<?> fetcher = environment -> mutation.fetch(environment).subscribeAsCompletionStage();
            codeRegistry.dataFetcher(FieldCoordinates.coordinates("Mutation", mutation.field()), fetcher);
            LOG.debugf("Mutation.%s reads its arguments directly", mutation.field());
        }
        return builder.codeRegistry(codeRegistry.build());
    }
}
