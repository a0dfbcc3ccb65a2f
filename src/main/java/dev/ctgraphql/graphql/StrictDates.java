package dev.ctgraphql.graphql;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.GraphQLScalarType;

/**
 * Makes the {@code Date} scalar refuse what is not a calendar day while variables and literals are coerced, so an
 * invalid date is a request error naming the variable and the value. SmallRye's own scalar accepts any string and
 * fails later, inside argument conversion, with a message that names a Java class instead of the value. A step of
 * {@link SchemaFinish}.
 */
final class StrictDates {

    static final String SCALAR = "Date";

    private StrictDates() {
    }

    /** The {@code Date} scalar with the strict coercing; any other scalar as it is. */
    static GraphQLScalarType strict(GraphQLScalarType scalar) {
        if (!scalar.getName().equals(SCALAR)) {
            return scalar;
        }
        @SuppressWarnings("unchecked")
        Coercing<Object, Object> lenient = (Coercing<Object, Object>) scalar.getCoercing();
        return scalar.transform(builder -> builder.coercing(new Strict(lenient)));
    }

    /** Checks the text, then lets SmallRye's coercing do what it always did. */
    private record Strict(Coercing<Object, Object> lenient) implements Coercing<Object, Object> {

        @Override
        public Object serialize(Object value, GraphQLContext context, Locale locale) {
            return lenient.serialize(value, context, locale);
        }

        @Override
        public Object parseValue(Object input, GraphQLContext context, Locale locale) {
            if (input instanceof String text) {
                String problem = problem(text);
                if (problem != null) {
                    throw new CoercingParseValueException(problem);
                }
            }
            return lenient.parseValue(input, context, locale);
        }

        @Override
        public Object parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
            if (input instanceof StringValue text) {
                String problem = problem(text.getValue());
                if (problem != null) {
                    throw new CoercingParseLiteralException(problem);
                }
            }
            return lenient.parseLiteral(input, variables, context, locale);
        }

        @Override
        public Value<?> valueToLiteral(Object input, GraphQLContext context, Locale locale) {
            return lenient.valueToLiteral(input, context, locale);
        }

        private static String problem(String text) {
            try {
                LocalDate.parse(text);
                return null;
            } catch (DateTimeParseException e) {
                return "'" + text + "' is not a calendar day written yyyy-MM-dd";
            }
        }
    }
}
