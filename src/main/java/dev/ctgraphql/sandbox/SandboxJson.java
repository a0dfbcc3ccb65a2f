package dev.ctgraphql.sandbox;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** JSON parsing and CleverTap-style response bodies. */
final class SandboxJson {

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SandboxJson() {
    }

    static ObjectNode object() {
        return NODES.objectNode();
    }

    static ArrayNode array() {
        return NODES.arrayNode();
    }

    static ObjectNode success() {
        return object().put("status", "success");
    }

    static ObjectNode failBody(String error, int code) {
        return object().put("status", "fail").put("error", error).put("code", code);
    }

    static Response ok(JsonNode body) {
        return json(200, body);
    }

    static Response json(int status, JsonNode body) {
        try {
            return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(MAPPER.writeValueAsString(body))
                    .build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a sandbox answer", e);
        }
    }

    static Response fail(int status, String error, int code) {
        return json(status, failBody(error, code));
    }

    /** Parses a request body that must be a JSON object; an empty body is an error. */
    static ObjectNode parseObject(String body) {
        if (body == null || body.isBlank()) {
            throw SandboxException.badRequest("Request body must be a JSON object");
        }
        return parseObjectOrEmpty(body);
    }

    /** Like {@link #parseObject(String)}, from the body's bytes (no text decoded in between: an upload's body is large). */
    static ObjectNode parseObject(byte[] body) {
        try {
            return requireObject(body == null ? null : MAPPER.readTree(body));
        } catch (IOException e) {
            throw SandboxException.badRequest("Malformed JSON in request body");
        }
    }

    /** Parses a request body that must be a JSON object; an empty body counts as {@code {}}. */
    static ObjectNode parseObjectOrEmpty(String body) {
        if (body == null || body.isBlank()) {
            return object();
        }
        try {
            return requireObject(MAPPER.readTree(body));
        } catch (JsonProcessingException e) {
            throw SandboxException.badRequest("Malformed JSON in request body");
        }
    }

    private static ObjectNode requireObject(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw SandboxException.badRequest("Request body must be a JSON object");
        }
        return (ObjectNode) node;
    }

    /** A decimal with two places, written in plain notation. */
    static JsonNode money(double value) {
        return NODES.numberNode(BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP));
    }

    /** Reads a JSON boolean, or the strings/numbers clients use for one ("true", "1", 1). */
    static boolean flag(JsonNode node, boolean fallback) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return fallback;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isNumber()) {
            return node.intValue() != 0;
        }
        return flag(node.asText(), fallback);
    }

    static boolean flag(String text, boolean fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        return "true".equalsIgnoreCase(text) || "1".equals(text);
    }
}
