package dev.ctgraphql.graphql;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import jakarta.json.JsonValue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;

import graphql.language.Argument;
import graphql.language.VariableReference;
import graphql.schema.DataFetchingEnvironment;

/**
 * The list arguments of the upload mutations as JSON, for {@link BulkMutation}s to read with a streaming parser. When
 * the list came in a variable, the HTTP endpoint has lifted that variable's JSON out of the request body before
 * execution (graphql-java then only coerced an empty list) and left it here, in the request's Vert.x context; otherwise
 * (an inline list, a WebSocket) graphql-java's coerced value is written back to JSON.
 */
public final class BulkArguments {

    private static final String PREFIX = BulkArguments.class.getName() + ".";
    private static final JsonFactory JSON = new JsonFactory();
    private static final ObjectMapper COERCED = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .registerModule(new SimpleModule().addSerializer(JsonValue.class, new JsonSerializer<>() {
                @Override
                public void serialize(JsonValue value, JsonGenerator generator, SerializerProvider provider)
                        throws IOException {
                    generator.writeRawValue(value.toString());
                }
            }));

    private BulkArguments() {
    }

    /** A list variable's JSON text inside the request body, and how many items the list has. */
    public record Lifted(byte[] body, int offset, int length, int size) {
    }

    /** A list argument to read: a parser before its {@code START_ARRAY}, and the number of items. */
    public record Records(JsonParser parser, int size) {
    }

    /** Whether lifted variables can be left for this request (it runs on a request's own Vert.x context). */
    public static boolean canLift() {
        return VertxContext.isOnDuplicatedContext();
    }

    /** Leaves a lifted variable for the mutation that will read it, in this request's Vert.x context. */
    public static void lift(String variable, Lifted lifted) {
        ContextLocals.put(PREFIX + variable, lifted);
    }

    /** The records of the list argument {@code name} of the field being fetched. */
    public static Records records(DataFetchingEnvironment environment, String name) {
        for (Argument argument : environment.getField().getArguments()) {
            if (argument.getName().equals(name) && argument.getValue() instanceof VariableReference variable
                    && VertxContext.isOnDuplicatedContext()) {
                Lifted lifted = ContextLocals.<Lifted>get(PREFIX + variable.getName()).orElse(null);
                if (lifted != null) {
                    ContextLocals.remove(PREFIX + variable.getName());
                    try {
                        return new Records(JSON.createParser(lifted.body(), lifted.offset(), lifted.length()),
                                lifted.size());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        }
        return records(environment.getArgument(name));
    }

    /** The records of a list value as graphql-java coerced it (maps, lists, scalars' values), or of input records. */
    public static Records records(Object value) {
        List<?> list = value == null ? List.of() : (List<?>) value;
        try {
            return new Records(COERCED.createParser(COERCED.writeValueAsBytes(list)), list.size());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
