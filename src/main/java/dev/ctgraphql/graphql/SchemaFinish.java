package dev.ctgraphql.graphql;

import java.util.HashMap;
import java.util.Map;

import io.smallrye.graphql.scalar.GraphQLScalarTypes;
import io.smallrye.graphql.spi.EventingService;

import dev.ctgraphql.security.RoleGuard;

import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLSchemaElement;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeVisitorStub;
import graphql.schema.SchemaTransformer;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;

/**
 * Finishes the schema SmallRye builds: strict dates ({@link StrictDates}) and the scalars' descriptions
 * ({@link SchemaPolish}), then the upload mutations' direct fetchers ({@link BulkMutations}) and the role guard around
 * every root field ({@link RoleGuard}) in its code registry, then the unused scalars and directive left out. Loaded by
 * SmallRye as a service ({@code META-INF/services/io.smallrye.graphql.spi.EventingService}) when its bootstrap starts,
 * before it makes any field.
 *
 * <p>
 * The finished scalars are put into SmallRye's registry of scalars by name when this service is made, so that SmallRye
 * makes every field with them: every start pays for each build of the whole schema (its validation included), and a
 * transformation that rebuilt every type using a scalar cost a plain start about 30 ms of its critical path. Should a
 * SmallRye version make its fields some other way, the built schema is transformed as before (the same schema, later).
 */
public class SchemaFinish implements EventingService {

    /**
     * The class name under which a finished scalar is registered: SmallRye registers by name and by class together,
     * and only its by-name map, which its bootstrap reads, is to change; its by-class map, which argument conversion
     * reads, keeps SmallRye's own scalars (as it did when the schema was transformed after the build).
     */
    private static final String REGISTRATION = SchemaFinish.class.getName() + ".scalar";

    /** The finished scalars this service registered, by name. */
    private final Map<String, GraphQLScalarType> finished = new HashMap<>();

    public SchemaFinish() {
        for (String name : SchemaPolish.SCALARS.keySet()) {
            GraphQLScalarType original = original(name);
            if (original != null) {
                GraphQLScalarType scalar = SchemaPolish.described(StrictDates.strict(original));
                GraphQLScalarTypes.registerCustomScalar(name, REGISTRATION, scalar);
                GraphQLScalarTypes.getScalarMap().remove(REGISTRATION);
                finished.put(name, scalar);
            }
        }
    }

    /**
     * SmallRye's own scalar of that name, from its by-class map, which nothing here changes (its by-name map may hold
     * the scalar an earlier start in this JVM finished, in dev mode or tests); null when SmallRye has none (JSON is
     * only there when configured as an extra scalar).
     */
    private static GraphQLScalarType original(String name) {
        for (GraphQLScalarType scalar : GraphQLScalarTypes.getScalarMap().values()) {
            if (scalar.getName().equals(name)) {
                return scalar;
            }
        }
        return null;
    }

    /** Always on: a null key means SmallRye enables this service whatever the configuration. */
    @Override
    public String getConfigKey() {
        return null;
    }

    @Override
    public GraphQLSchema.Builder beforeSchemaBuild(GraphQLSchema.Builder builder) {
        GraphQLSchema built = builder.build();
        GraphQLSchema polished = madeWithFinishedScalars(built) ? built : transformed(built);
        GraphQLCodeRegistry.Builder code = GraphQLCodeRegistry.newCodeRegistry(polished.getCodeRegistry());
        BulkMutations.install(code);
        RoleGuard.guard(polished, code);
        return SchemaPolish.withoutUnused(polished, code);
    }

    /** Whether every scalar the schema has a finished one for is that finished one. */
    private boolean madeWithFinishedScalars(GraphQLSchema schema) {
        for (String name : SchemaPolish.SCALARS.keySet()) {
            GraphQLType type = schema.getType(name);
            if (type != null && type != finished.get(name)) {
                return false;
            }
        }
        return true;
    }

    /** The schema with its scalars finished by a transformation, which rebuilds every type that uses one. */
    private static GraphQLSchema transformed(GraphQLSchema schema) {
        return SchemaTransformer.transformSchema(schema, new GraphQLTypeVisitorStub() {
            @Override
            public TraversalControl visitGraphQLScalarType(GraphQLScalarType node,
                    TraverserContext<GraphQLSchemaElement> context) {
                GraphQLScalarType changed = SchemaPolish.described(StrictDates.strict(node));
                return changed == node ? TraversalControl.CONTINUE : changeNode(context, changed);
            }
        });
    }
}
