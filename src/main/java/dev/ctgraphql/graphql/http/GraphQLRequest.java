package dev.ctgraphql.graphql.http;

import java.io.StringReader;
import java.util.Locale;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

import dev.ctgraphql.graphql.JsonValues;

/** What the caller sent, whichever way it came; {@code body} is the JSON object of a POST, null otherwise. */
record GraphQLRequest(String query, String operationName, JsonObject variables, JsonObject extensions, JsonObject body) {

    /** A request that is not a GraphQL-over-HTTP request at all, with the HTTP status it gets. */
    static final class Malformed extends RuntimeException {
        final int status;

        Malformed(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    /** The object SmallRye executes; the caller's own body when it already holds the query to run. */
    JsonObject toExecutionInput(String text) {
        if (body != null && text.equals(query)) {
            return body;
        }
        JsonObjectBuilder input = JsonValues.JSON.createObjectBuilder().add("query", text);
        if (operationName != null) {
            input.add("operationName", operationName);
        }
        if (variables != null) {
            input.add("variables", variables);
        }
        return input.build();
    }

    /** A POST: a JSON body, or a bare {@code application/graphql} document. */
    static GraphQLRequest fromBody(RoutingContext ctx) {
        String type = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
        if (type == null) {
            throw new Malformed(415, "Send the request as Content-Type: application/json");
        }
        String[] parts = type.split(";");
        String mime = parts[0].trim().toLowerCase(Locale.ROOT);
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].trim().toLowerCase(Locale.ROOT);
            if (parameter.startsWith("charset=") && !parameter.equals("charset=utf-8")
                    && !parameter.equals("charset=\"utf-8\"")) {
                throw new Malformed(415, "Only UTF-8 request bodies are accepted");
            }
        }
        String body = ctx.body() == null ? null : ctx.body().asString();
        if (body == null || body.isBlank()) {
            throw new Malformed(400, "The request body is empty; send {\"query\": \"...\"}");
        }
        if (mime.equals("application/graphql")) {
            return new GraphQLRequest(body, null, null, null, null);
        }
        if (!mime.equals(MediaTypes.JSON)) {
            throw new Malformed(415, "Content-Type " + mime + " is not accepted; send application/json");
        }
        JsonObject json;
        try {
            JsonValue value = whole(body);
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new Malformed(400, "The request body must be one JSON object {\"query\", \"variables\", "
                        + "\"operationName\", \"extensions\"} (batches are not accepted)");
            }
            json = value.asJsonObject();
        } catch (JsonException e) {
            throw new Malformed(400, "The request body is not valid JSON");
        }
        return new GraphQLRequest(string(json, "query"), string(json, "operationName"), object(json, "variables"),
                object(json, "extensions"), json);
    }

    /** A GET: {@code query}, {@code operationName}, {@code variables} and {@code extensions} parameters. */
    static GraphQLRequest fromQueryString(MultiMap parameters) {
        return new GraphQLRequest(parameters.get("query"), parameters.get("operationName"),
                parsedObject(parameters.get("variables"), "variables"),
                parsedObject(parameters.get("extensions"), "extensions"), null);
    }

    /**
     * The one JSON value that is the whole text: a JSON-P reader stops after the first value, so {@code {...} {...}}
     * would run the first object and drop the rest; here anything after the value makes the text invalid JSON.
     */
    static JsonValue whole(String text) {
        try (JsonParser parser = JsonValues.JSON.createParser(new StringReader(text))) {
            parser.next();
            JsonValue value = parser.getValue();
            if (parser.hasNext()) {
                throw new JsonException("Content after the JSON value");
            }
            return value;
        }
    }

    private static JsonObject parsedObject(String text, String name) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            JsonValue value = whole(text);
            if (value.getValueType() == JsonValue.ValueType.NULL) {
                return null;
            }
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new Malformed(400, "The " + name + " parameter must be a JSON object");
            }
            return value.asJsonObject();
        } catch (JsonException e) {
            throw new Malformed(400, "The " + name + " parameter is not valid JSON");
        }
    }

    private static String string(JsonObject json, String name) {
        JsonValue value = json.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value instanceof JsonString text) {
            return text.getString();
        }
        throw new Malformed(400, "\"" + name + "\" must be a string");
    }

    private static JsonObject object(JsonObject json, String name) {
        JsonValue value = json.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value.getValueType() == JsonValue.ValueType.OBJECT) {
            return value.asJsonObject();
        }
        throw new Malformed(400, "\"" + name + "\" must be a JSON object");
    }
}
