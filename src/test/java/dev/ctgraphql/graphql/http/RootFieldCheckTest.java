package dev.ctgraphql.graphql.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.smallrye.config.WithDefault;

import dev.ctgraphql.security.RoleGuard;

import graphql.schema.GraphQLSchema;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.UnExecutableSchemaGenerator;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;

/** The lists of root field names, checked against the committed schema and against a schema that lacks a field. */
class RootFieldCheckTest {

    @Test
    void everyListedFieldIsInTheCommittedSchema() throws Exception {
        GraphQLSchema schema = committed();
        assertThat(RootFieldCheck.missing(schema, "Mutation", RoleGuard.editorMutations(), "editor"), empty());
        assertThat(RootFieldCheck.missing(schema, "Query", defaultReusableFields(), "reuse"), empty());
        assertThat(RootFieldCheck.missingArguments(schema, BulkVariables.LISTS), empty());
    }

    @Test
    void aMissingFieldIsNamedWithItsList() {
        GraphQLSchema schema = UnExecutableSchemaGenerator.makeUnExecutableSchema(new SchemaParser().parse("""
                type Query { eventCount: Int }
                type Mutation { uploadEvents(events: [String]): Int, uploadProfiles(records: [String]): Int }
                """));
        assertThat(RootFieldCheck.missing(schema, "Query", Set.of("eventCount", "profileCount", "__typename"), "reuse"),
                contains("Query.profileCount in reuse"));
        assertThat(RootFieldCheck.missingArguments(schema, BulkVariables.LISTS), contains(
                "Mutation.uploadDeviceTokens in the bulk variables",
                "Mutation.uploadProfiles(profiles) in the bulk variables"));
    }

    private static GraphQLSchema committed() throws IOException {
        try (InputStream in = RootFieldCheckTest.class.getResourceAsStream("/schema.graphql")) {
            String sdl = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return UnExecutableSchemaGenerator.makeUnExecutableSchema(new SchemaParser().parse(sdl));
        }
    }

    private static Set<String> defaultReusableFields() throws NoSuchMethodException {
        String value = EndpointConfig.Answers.class.getMethod("rootFields").getAnnotation(WithDefault.class).value();
        return Set.of(value.split(","));
    }
}
