package dev.ctgraphql.graphql;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import graphql.schema.GraphQLAppliedDirective;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLDirective;
import graphql.schema.GraphQLDirectiveContainer;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLEnumValueDefinition;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLInterfaceType;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLUnionType;
import graphql.schema.TypeResolver;

/**
 * Finishes the schema SmallRye builds: scalars that no field or argument uses (SmallRye declares BigDecimal and
 * BigInteger whether used or not) are left out, and every scalar gets a description saying what its values look like
 * instead of SmallRye's "Scalar for Date" ({@code Long}, this project's own scalar, has its description on
 * {@link GraphQLLong}). Steps of {@link SchemaFinish}.
 */
final class SchemaPolish {

    private static final String CONSTRAINT = "constraint";

    static final Map<String, String> SCALARS = Map.of(
            "Date", "A calendar day, ISO-8601 yyyy-MM-dd, in the CleverTap project's time zone (CleverTap's yyyyMMdd).",
            "DateTime", "A moment, ISO-8601 with its offset (e.g. 2026-11-30T10:15:00+05:30); times CleverTap gives without "
                    + "a zone are read in the project's time zone.",
            "JSON", "Any JSON value: custom properties, CleverTap's own objects passed through unchanged.");

    /**
     * Names of the directives applied anywhere on a type, field, argument, enum value or input field. Plain loops: this
     * runs once, on the start's main thread, where each lambda would first be spun into a class.
     */
    private static Set<String> appliedDirectives(GraphQLSchema schema) {
        Set<String> names = new HashSet<>();
        for (GraphQLNamedType type : schema.getAllTypesAsList()) {
            if (type instanceof GraphQLDirectiveContainer container) {
                addNames(names, container.getAppliedDirectives());
            }
            if (type instanceof GraphQLFieldsContainer fields) {
                for (GraphQLFieldDefinition field : fields.getFieldDefinitions()) {
                    addNames(names, field.getAppliedDirectives());
                    for (GraphQLArgument argument : field.getArguments()) {
                        addNames(names, argument.getAppliedDirectives());
                    }
                }
            }
            if (type instanceof GraphQLInputObjectType input) {
                for (GraphQLInputObjectField field : input.getFieldDefinitions()) {
                    addNames(names, field.getAppliedDirectives());
                }
            }
            if (type instanceof GraphQLEnumType enumType) {
                for (GraphQLEnumValueDefinition value : enumType.getValues()) {
                    addNames(names, value.getAppliedDirectives());
                }
            }
        }
        return names;
    }

    private static void addNames(Set<String> names, List<GraphQLAppliedDirective> directives) {
        for (GraphQLAppliedDirective directive : directives) {
            names.add(directive.getName());
        }
    }

    private SchemaPolish() {
    }

    /** The scalar with its description, when it has one here; any other scalar (or one described already) as it is. */
    static GraphQLScalarType described(GraphQLScalarType scalar) {
        String description = SCALARS.get(scalar.getName());
        return description == null || description.equals(scalar.getDescription())
                ? scalar
                : scalar.transform(builder -> builder.description(description));
    }

    /**
     * What SmallRye is to build from {@code schema} (already described): its types without the scalars nothing refers
     * to, without the {@code @constraint} directive unless something applies it, with {@code code} as its code registry
     * and the interfaces' and unions' type resolvers answering by name.
     */
    static GraphQLSchema.Builder withoutUnused(GraphQLSchema schema, GraphQLCodeRegistry.Builder code) {
        // types reachable from the roots come back by themselves; of the extra ones keep all but the scalars
        Set<GraphQLType> extra = new LinkedHashSet<>();
        for (GraphQLType type : schema.getAdditionalTypes()) {
            if (!(type instanceof GraphQLScalarType)) {
                extra.add(type);
            }
        }
        // SmallRye declares @constraint (bean validation) even when nothing applies it; its arguments are what drag in
        // BigInteger and BigDecimal
        boolean constrained = appliedDirectives(schema).contains(CONSTRAINT);
        Set<GraphQLDirective> directives = new LinkedHashSet<>();
        for (GraphQLDirective directive : schema.getDirectives()) {
            if (constrained || !directive.getName().equals(CONSTRAINT)) {
                directives.add(directive);
            }
        }
        resolvingByName(schema, code);
        return GraphQLSchema.newSchema(schema).clearAdditionalTypes().additionalTypes(extra)
                .clearDirectives().additionalDirectives(directives).codeRegistry(code.build());
    }

    /**
     * Type resolvers of interfaces and unions that answer the executing schema's own object type of the name SmallRye's
     * resolver chose. Rebuilding types (as the transformation of {@link SchemaFinish} does for every type that refers
     * to a described scalar) leaves SmallRye's resolvers holding the old instances, and graphql-java matches a
     * fragment's type condition by instance: {@code ... on Profile} would then select nothing.
     */
    private static void resolvingByName(GraphQLSchema schema, GraphQLCodeRegistry.Builder builder) {
        for (GraphQLNamedType type : schema.getAllTypesAsList()) {
            TypeResolver original = type instanceof GraphQLInterfaceType iface
                    ? builder.getTypeResolver(iface)
                    : type instanceof GraphQLUnionType union ? builder.getTypeResolver(union) : null;
            if (original != null) {
                builder.typeResolver(type.getName(), environment -> {
                    GraphQLObjectType chosen = original.getType(environment);
                    return chosen == null ? null : environment.getSchema().getObjectType(chosen.getName());
                });
            }
        }
    }
}
