package dev.ctgraphql.graphql;

import io.smallrye.graphql.spi.EventingService;

import dev.ctgraphql.security.RoleGuard;

import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLSchemaElement;
import graphql.schema.GraphQLTypeVisitorStub;
import graphql.schema.SchemaTransformer;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;

/**
 * Finishes the schema SmallRye builds, in one pass over it: strict dates ({@link StrictDates}) and the scalars'
 * descriptions ({@link SchemaPolish}) in one transformation, then the upload mutations' direct fetchers
 * ({@link BulkMutations}) and the role guard around every root field ({@link RoleGuard}) in its code registry, then the
 * unused scalars and directive left out. Every start pays for each build of the whole schema (its validation included),
 * so the steps share one build instead of each making its own. Loaded by SmallRye as a service
 * ({@code META-INF/services/io.smallrye.graphql.spi.EventingService}).
 */
public class SchemaFinish implements EventingService {

    /** Always on: a null key means SmallRye enables this service whatever the configuration. */
    @Override
    public String getConfigKey() {
        return null;
    }

    @Override
    public GraphQLSchema.Builder beforeSchemaBuild(GraphQLSchema.Builder builder) {
        GraphQLSchema finished = SchemaTransformer.transformSchema(builder.build(), new GraphQLTypeVisitorStub() {
            @Override
            public TraversalControl visitGraphQLScalarType(GraphQLScalarType node,
                    TraverserContext<GraphQLSchemaElement> context) {
                GraphQLScalarType changed = SchemaPolish.described(StrictDates.strict(node));
                return changed == node ? TraversalControl.CONTINUE : changeNode(context, changed);
            }
        });
        GraphQLCodeRegistry.Builder code = GraphQLCodeRegistry.newCodeRegistry(finished.getCodeRegistry());
        BulkMutations.install(code);
        RoleGuard.guard(finished, code);
        return SchemaPolish.withoutUnused(finished, code);
    }
}
