package dev.ctgraphql.graphql.http;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.StartupEvent;

import dev.ctgraphql.graphql.BulkMutations;
import dev.ctgraphql.security.RoleGuard;

import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;

/**
 * Checks at start that every root field named in a list of field names (the editor's mutations, the fields whose
 * answers may be reused, the upload mutations read in bulk and their list arguments) is in the schema, so that a
 * renamed field fails the start with its name instead of silently losing its role, its reuse or its fast reading.
 */
@ApplicationScoped
class RootFieldCheck {

    void onStart(@Observes StartupEvent start, GraphQLSchema schema, EndpointConfig config) {
        List<String> missing = new ArrayList<>();
        missing.addAll(missing(schema, "Mutation", RoleGuard.editorMutations(), "the editor's mutations (FieldRoles)"));
        missing.addAll(missing(schema, "Query", config.answers().rootFields(),
                "clevertap-graphql.endpoint.answers.root-fields (answer reuse)"));
        missing.addAll(missing(schema, "Mutation", BulkMutations.fields(), "the bulk mutations (@Identifier)"));
        missing.addAll(missing(schema, "Query", LeanExecution.EXCLUDED.keySet(),
                "the fields kept off the lean executor (LeanExecution.EXCLUDED)"));
        missing.addAll(missingArguments(schema, BulkVariables.LISTS));
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Field names that are not in the GraphQL schema: " + String.join("; ", missing));
        }
    }

    /** What of {@code names} is not a field of {@code type}, each named with the list that holds it. */
    static List<String> missing(GraphQLSchema schema, String type, Collection<String> names, String list) {
        GraphQLObjectType object = schema.getObjectType(type);
        List<String> missing = new ArrayList<>();
        for (String name : new TreeSet<>(names)) {
            if (!name.startsWith("__") && (object == null || object.getFieldDefinition(name) == null)) {
                missing.add(type + "." + name + " in " + list);
            }
        }
        return missing;
    }

    /** The upload mutations read in bulk whose field or list argument is not in the schema. */
    static List<String> missingArguments(GraphQLSchema schema, Map<String, String> lists) {
        List<String> missing = new ArrayList<>(missing(schema, "Mutation", lists.keySet(), "the bulk variables"));
        GraphQLObjectType mutation = schema.getMutationType();
        lists.forEach((field, argument) -> {
            GraphQLFieldDefinition definition = mutation == null ? null : mutation.getFieldDefinition(field);
            if (definition != null && definition.getArgument(argument) == null) {
                missing.add("Mutation." + field + "(" + argument + ") in the bulk variables");
            }
        });
        return missing;
    }
}
