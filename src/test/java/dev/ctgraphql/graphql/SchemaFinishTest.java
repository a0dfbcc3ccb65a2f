package dev.ctgraphql.graphql;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.graphql.scalar.GraphQLScalarTypes;

import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.sameInstance;

/**
 * SmallRye makes the schema's fields with the scalars {@link SchemaFinish} registered, so no transformation of the built
 * schema is needed (the fallback would give the same schema, SchemaSnapshotTest; this fails when a SmallRye upgrade
 * makes every start pay for the transformation again), and its by-class scalar map, which argument conversion reads,
 * keeps SmallRye's own.
 */
@QuarkusTest
class SchemaFinishTest {

    @Inject
    GraphQLSchema schema;

    @Test
    void theSchemaUsesTheRegisteredFinishedScalars() {
        for (String name : SchemaPolish.SCALARS.keySet()) {
            GraphQLScalarType used = (GraphQLScalarType) schema.getType(name);
            assertThat(name, used, sameInstance(GraphQLScalarTypes.getScalarByName(name)));
            assertThat(name, used.getDescription(), equalTo(SchemaPolish.SCALARS.get(name)));
        }
        assertThat(((GraphQLScalarType) schema.getType(StrictDates.SCALAR)).getCoercing().getClass().getName(),
                equalTo(StrictDates.class.getName() + "$Strict"));
    }

    @Test
    void argumentConversionKeepsSmallRyesOwnScalars() {
        GraphQLScalarType date = GraphQLScalarTypes.getScalarByClassName("java.time.LocalDate");
        assertThat(date, not(sameInstance(schema.getType(StrictDates.SCALAR))));
        assertThat(date.getCoercing(), not(instanceOf(Record.class)));
    }
}
