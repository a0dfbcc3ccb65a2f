package dev.ctgraphql.graphql;

import java.io.StringReader;

import jakarta.json.Json;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Converts between Jackson trees (the wire) and the JSON-P values the GraphQL {@code JSON} scalar is made of. */
public final class JsonValues {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonValues() {
    }

    /** A JSON scalar value from a wire node; null for a missing or null node. */
    public static JsonValue toGraphQL(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return null;
        }
        try (JsonReader reader = Json.createReader(new StringReader(node.toString()))) {
            return reader.readValue();
        }
    }

    /** A wire node from a JSON scalar value; null (an omitted or null argument) stays null. */
    public static JsonNode toWire(JsonValue value) {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        try {
            return MAPPER.readTree(value.toString());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON", e);
        }
    }
}
