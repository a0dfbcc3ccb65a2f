package dev.ctgraphql.graphql.http;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonValue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

import dev.ctgraphql.graphql.BulkArguments;
import dev.ctgraphql.graphql.JsonValues;

import graphql.language.Argument;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.VariableReference;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.parser.ParserOptions;

/**
 * Reads a JSON request body whose operation is one upload mutation ({@code uploadEvents}, {@code uploadProfiles} or
 * {@code uploadDeviceTokens}) with its list in a variable, without turning the list into JSON-P values: one streaming
 * pass finds the query, the other variables and where the list's JSON lies (checking its length and depth against the
 * variables limits), and the list is handed to the mutation as that JSON ({@link BulkArguments}) while graphql-java
 * coerces an empty list in its place. The document is parsed, validated, limited and role-checked as any other; only
 * the records skip graphql-java's per-object coercion (the mutation reads and checks them itself, naming record and
 * field). Any other request, or anything unexpected, is left to the ordinary reading.
 */
final class BulkVariables {

    /** The upload mutations and their list argument. */
    static final Map<String, String> LISTS = Map.of("uploadEvents", "events", "uploadProfiles", "profiles",
            "uploadDeviceTokens", "tokens");
    private static final JsonFactory JSON = new JsonFactory();
    private static final byte[] UPLOAD = "upload".getBytes(StandardCharsets.US_ASCII);

    private final EndpointConfig.Limits limits;
    /** Per query text and operation name: the variable holding the upload's list, or "" when none may be lifted. */
    private final Cache<String, String> liftable = Caffeine.newBuilder().maximumSize(500).build();

    BulkVariables(EndpointConfig.Limits limits) {
        this.limits = limits;
    }

    /** The request with its upload list lifted out, or null when the body is to be read the ordinary way. */
    GraphQLRequest lift(RoutingContext ctx, JsonReaderFactory readers) {
        String type = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
        if (type == null || ctx.body() == null || ctx.body().buffer() == null || !BulkArguments.canLift()) {
            return null;
        }
        String mediaType = type.toLowerCase(Locale.ROOT).replace(" ", "");
        if (!mediaType.equals(MediaTypes.JSON) && !mediaType.equals(MediaTypes.JSON + ";charset=utf-8")) {
            return null;
        }
        Buffer buffer = ctx.body().buffer();
        if (!mentionsUpload(buffer)) {
            return null;
        }
        byte[] body = buffer.getBytes();
        Body read;
        try {
            read = scan(body);
        } catch (IOException | RuntimeException e) {
            return null;
        }
        if (read == null || read.query == null) {
            return null;
        }
        String variable = liftable.get(read.query + "\u0000" + read.operationName,
                key -> variable(read.query, read.operationName));
        Span list = variable.isEmpty() ? null : read.variables.get(variable);
        if (list == null || !list.array || list.size > limits.maxListSize() || list.depth > limits.maxVariablesDepth()) {
            return null;
        }
        JsonObjectBuilder variables = JsonValues.JSON.createObjectBuilder();
        try {
            for (Map.Entry<String, Span> entry : read.variables.entrySet()) {
                variables.add(entry.getKey(), entry.getValue() == list
                        ? JsonValue.EMPTY_JSON_ARRAY
                        : value(readers, body, entry.getValue()));
            }
        } catch (JsonException e) {
            return null;
        }
        JsonObject extensions = read.extensions == null ? null : value(readers, body, read.extensions).asJsonObject();
        JsonObjectBuilder input = JsonValues.JSON.createObjectBuilder().add("query", read.query);
        if (read.operationName != null) {
            input.add("operationName", read.operationName);
        }
        JsonObject slimVariables = variables.build();
        input.add("variables", slimVariables);
        if (extensions != null) {
            input.add("extensions", extensions);
        }
        BulkArguments.lift(variable, new BulkArguments.Lifted(body, list.start, list.end - list.start, list.size));
        return new GraphQLRequest(read.query, read.operationName, slimVariables, extensions, input.build());
    }

    /** Whether the body holds "upload" anywhere: a byte scan that spares every other request the JSON pass below. */
    private static boolean mentionsUpload(Buffer body) {
        int last = body.length() - UPLOAD.length;
        for (int i = 0; i <= last; i++) {
            if (body.getByte(i) == 'u') {
                int j = 1;
                while (j < UPLOAD.length && body.getByte(i + j) == UPLOAD[j]) {
                    j++;
                }
                if (j == UPLOAD.length) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Where a value lies in the body; for a list, how many items it has and how deep it nests. */
    private record Span(int start, int end, boolean array, int size, int depth) {
    }

    private record Body(String query, String operationName, Map<String, Span> variables, Span extensions) {
    }

    /** One pass over the body; null when it is not the plain shape this reads (the ordinary reading then decides). */
    private static Body scan(byte[] body) throws IOException {
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            String query = null;
            String operationName = null;
            Map<String, Span> variables = new HashMap<>();
            Span extensions = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (name) {
                    case "query" -> {
                        if (value != JsonToken.VALUE_STRING) {
                            return null;
                        }
                        query = parser.getText();
                    }
                    case "operationName" -> {
                        if (value != JsonToken.VALUE_STRING && value != JsonToken.VALUE_NULL) {
                            return null;
                        }
                        operationName = value == JsonToken.VALUE_NULL ? null : parser.getText();
                    }
                    case "variables" -> {
                        if (value != JsonToken.START_OBJECT) {
                            return null;
                        }
                        while (parser.nextToken() == JsonToken.FIELD_NAME) {
                            String variable = parser.currentName();
                            parser.nextToken();
                            variables.put(variable, span(parser));
                        }
                    }
                    case "extensions" -> {
                        if (value != JsonToken.START_OBJECT) {
                            return null;
                        }
                        extensions = span(parser);
                    }
                    default -> parser.skipChildren();
                }
            }
            return parser.nextToken() == null ? new Body(query, operationName, variables, extensions) : null;
        }
    }

    /** The span of the value the parser is on, leaving the parser on its last token. */
    private static Span span(JsonParser parser) throws IOException {
        int start = (int) parser.currentTokenLocation().getByteOffset();
        JsonToken first = parser.currentToken();
        if (!first.isStructStart()) {
            parser.getText(); // a string is read lazily: finish it so that the location is past it
            return new Span(start, (int) parser.currentLocation().getByteOffset(), false, 0, 0);
        }
        int depth = 1;
        int deepest = 1;
        int items = 0;
        while (depth > 0) {
            JsonToken token = parser.nextToken();
            if (token == null) {
                throw new IOException("unexpected end of the body");
            }
            if (depth == 1 && first == JsonToken.START_ARRAY && token != JsonToken.END_ARRAY) {
                items++;
            }
            if (token.isStructStart()) {
                deepest = Math.max(deepest, ++depth);
            } else if (token.isStructEnd()) {
                depth--;
            }
        }
        return new Span(start, (int) parser.currentLocation().getByteOffset(), first == JsonToken.START_ARRAY, items,
                deepest);
    }

    private static JsonValue value(JsonReaderFactory readers, byte[] body, Span span) {
        String text = new String(body, span.start, span.end - span.start, StandardCharsets.UTF_8);
        try (JsonReader reader = readers.createReader(new StringReader(text))) {
            return reader.readValue();
        }
    }

    /**
     * The variable whose list the selected operation's only root field, an upload mutation, takes as its list
     * argument, used nowhere else in the field; "" when the document is anything else.
     */
    private String variable(String query, String operationName) {
        Document document;
        try {
            ParserOptions options = ParserOptions.getDefaultOperationParserOptions().transform(o -> o
                    .maxTokens(limits.maxTokens()).captureSourceLocation(false));
            document = new Parser().parseDocument(ParserEnvironment.newParserEnvironment().document(query)
                    .parserOptions(options).build());
        } catch (RuntimeException e) {
            return "";
        }
        List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
        OperationDefinition selected = null;
        for (OperationDefinition operation : operations) {
            if (operationName == null ? operations.size() == 1 : operationName.equals(operation.getName())) {
                selected = operation;
            }
        }
        if (selected == null || selected.getOperation() != OperationDefinition.Operation.MUTATION
                || !selected.getDirectives().isEmpty() || selected.getSelectionSet().getSelections().size() != 1) {
            return "";
        }
        Selection<?> only = selected.getSelectionSet().getSelections().get(0);
        if (!(only instanceof Field field) || !LISTS.containsKey(field.getName()) || !field.getDirectives().isEmpty()) {
            return "";
        }
        String list = LISTS.get(field.getName());
        String variable = "";
        for (Argument argument : field.getArguments()) {
            if (argument.getName().equals(list) && argument.getValue() instanceof VariableReference reference) {
                variable = reference.getName();
            }
        }
        for (Argument argument : field.getArguments()) {
            if (!argument.getName().equals(list) && argument.getValue() instanceof VariableReference reference
                    && reference.getName().equals(variable)) {
                return "";
            }
        }
        return variable;
    }
}
