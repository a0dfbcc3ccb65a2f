package dev.ctgraphql.graphql;

import java.util.Iterator;
import java.util.Map;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Converts between Jackson trees (the wire) and the JSON-P values the GraphQL {@code JSON} scalar is made of. */
public final class JsonValues {

    /**
     * The JSON-P provider, looked up once: every {@code jakarta.json.JsonValues.JSON.create*} call looks it up again through a
     * ServiceLoader scan of the class path, which showed on the event export path (one per record) and blocked the
     * event loop under load.
     */
    public static final JsonProvider JSON = JsonProvider.provider();

    private JsonValues() {
    }

    /**
     * The one reader factory of request bodies and messages, made on first use (by the start-up priming of the GraphQL
     * path, or else by the first request), so that the endpoints' beans cost nothing of it on the main thread.
     */
    public static JsonReaderFactory readers() {
        return Readers.FACTORY;
    }

    /** A JSON scalar value from a wire node, converted tree to tree (no text in between); null for a missing or null node. */
    public static JsonValue toGraphQL(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return null;
        }
        return value(node);
    }

    private static JsonValue value(JsonNode node) {
        switch (node.getNodeType()) {
            case OBJECT -> {
                JsonObjectBuilder object = JSON.createObjectBuilder();
                for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext();) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    object.add(field.getKey(), value(field.getValue()));
                }
                return object.build();
            }
            case ARRAY -> {
                JsonArrayBuilder array = JSON.createArrayBuilder();
                for (JsonNode element : node) {
                    array.add(value(element));
                }
                return array.build();
            }
            case STRING -> {
                return JSON.createValue(node.textValue());
            }
            case BOOLEAN -> {
                return node.booleanValue() ? JsonValue.TRUE : JsonValue.FALSE;
            }
            case NUMBER -> {
                if (node.isIntegralNumber()) {
                    return node.canConvertToLong()
                            ? JSON.createValue(node.longValue())
                            : JSON.createValue(node.bigIntegerValue());
                }
                return JSON.createValue(node.decimalValue());
            }
            default -> {
                // null, missing, or a binary/POJO node that wire JSON never holds
                return node.isNull() || node.isMissingNode() ? JsonValue.NULL : JSON.createValue(node.asText());
            }
        }
    }

    /** A wire node from a JSON scalar value; null (an omitted or null argument) stays null. */
    public static JsonNode toWire(JsonValue value) {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        try {
            return Mapper.INSTANCE.readTree(value.toString());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON", e);
        }
    }

    /**
     * Jackson's mapper, made on the first {@link #toWire} call: creating the first mapper loads a few hundred Jackson
     * classes, which the start (and the first GraphQL answer) do not need.
     */
    private static final class Readers {
        static final JsonReaderFactory FACTORY = JSON.createReaderFactory(Map.of());
    }

    private static final class Mapper {
        static final ObjectMapper INSTANCE = new ObjectMapper();
    }
}
