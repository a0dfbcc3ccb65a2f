package dev.ctgraphql.graphql;

import java.io.StringReader;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

import dev.ctgraphql.upstream.CleverTapBadInputException;

/**
 * Reads graphql-java's coerced argument values (maps, lists, strings, numbers and the scalars' own values) into the
 * Java types of the input records, for {@link DirectQuery}s.
 */
public final class RawArguments {

    private RawArguments() {
    }

    /** The list argument as a list of input objects; an empty list when absent. */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> objects(Object value) {
        return value == null ? List.of() : (List<Map<String, Object>>) value;
    }

    /** An input object argument; null when absent. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(Object value) {
        return (Map<String, Object>) value;
    }

    public static String string(Map<String, Object> object, String key) {
        Object value = object.get(key);
        return value == null ? null : value.toString();
    }

    public static Boolean bool(Object value) {
        return value == null ? null : value instanceof Boolean b ? b : Boolean.valueOf(value.toString());
    }

    public static <E extends Enum<E>> E enumValue(Map<String, Object> object, String key, Class<E> type) {
        return object == null ? null : enumValue(object.get(key), type);
    }

    /** An enum argument, whether the schema's enum type left it a name or the constant. */
    public static <E extends Enum<E>> E enumValue(Object value, Class<E> type) {
        if (value == null) {
            return null;
        }
        return type.isInstance(value) ? type.cast(value) : Enum.valueOf(type, value.toString());
    }

    public static LocalDate date(Map<String, Object> object, String key, String field) {
        Object value = object.get(key);
        if (value == null || value instanceof LocalDate) {
            return (LocalDate) value;
        }
        try {
            return LocalDate.parse(value.toString());
        } catch (DateTimeParseException e) {
            throw new CleverTapBadInputException(field + "." + key + ": '" + value + "' is not an ISO date");
        }
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
