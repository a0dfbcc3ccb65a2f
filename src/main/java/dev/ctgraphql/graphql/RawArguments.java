package dev.ctgraphql.graphql;

import java.io.StringReader;
import java.util.List;
import java.util.Map;

import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

/**
 * Reads graphql-java's coerced argument values (maps, lists, strings, numbers and the scalars' own values) into the
 * Java types of the input records, for the lean executor's argument readers.
 */
public final class RawArguments {

    private RawArguments() {
    }

    /** A Boolean argument, whether the scalar left it a Boolean or its text. */
    public static Boolean bool(Object value) {
        return value == null ? null : value instanceof Boolean b ? b : Boolean.valueOf(value.toString());
    }

    /** A JSON scalar value, whatever form the scalar's coercion left it in. */
    public static JsonValue json(Object value) {
        if (value == null || value instanceof JsonValue) {
            return (JsonValue) value;
        }
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            return value instanceof Map<?, ?> map
                    ? JsonValues.JSON.createObjectBuilder(stringKeys(map)).build()
                    : JsonValues.JSON.createArrayBuilder((List<?>) value).build();
        }
        if (value instanceof String text) {
            try (JsonReader reader = JsonValues.JSON.createReader(new StringReader(text))) {
                return reader.readValue();
            } catch (RuntimeException e) {
                return JsonValues.JSON.createValue(text);
            }
        }
        if (value instanceof Boolean b) {
            return b ? JsonValue.TRUE : JsonValue.FALSE;
        }
        if (value instanceof Number n) {
            return JsonValues.JSON.createValue(new java.math.BigDecimal(n.toString()));
        }
        return JsonValues.JSON.createValue(value.toString());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> stringKeys(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }
}
