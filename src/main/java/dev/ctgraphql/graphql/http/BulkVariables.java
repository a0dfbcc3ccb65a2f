package dev.ctgraphql.graphql.http;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonValue;

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
 * pass ({@link BodyScanner}; for a large body made while it arrived, {@link IncomingBody}) finds the query, the other
 * variables and where the list's JSON lies (checking its length and depth against the variables limits), and the list is handed to the mutation as that JSON ({@link BulkArguments}) while graphql-java
 * coerces an empty list in its place. The document is parsed, validated, limited and role-checked as any other; only
 * the records skip graphql-java's per-object coercion (the mutation reads and checks them itself, naming record and
 * field). Any other request, or anything unexpected, is left to the ordinary reading.
 */
final class BulkVariables {

    /** The upload mutations and their list argument. */
    static final Map<String, String> LISTS = Map.of("uploadEvents", "events", "uploadProfiles", "profiles",
            "uploadDeviceTokens", "tokens");
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
        if (!MediaTypes.plainJson(type)) {
            return null;
        }
        IncomingBody.Scanned scanned = IncomingBody.scanned(ctx);
        byte[] body;
        BodyScanner.Body read;
        if (scanned != null) {
            // read while it arrived: no second pass
            body = scanned.bytes();
            read = scanned.body();
        } else {
            Buffer buffer = ctx.body().buffer();
            if (!mentionsUpload(buffer)) {
                return null;
            }
            body = buffer.getBytes();
            read = BodyScanner.scan(body);
        }
        if (read == null || read.query() == null) {
            return null;
        }
        String variable = liftable.get(read.query() + "\u0000" + read.operationName(),
                key -> variable(read.query(), read.operationName()));
        BodyScanner.Span list = variable.isEmpty() ? null : read.variables().get(variable);
        if (list == null || !list.array() || list.size() > limits.maxListSize() || list.depth() > limits.maxVariablesDepth()) {
            return null;
        }
        JsonObjectBuilder variables = JsonValues.JSON.createObjectBuilder();
        try {
            for (Map.Entry<String, BodyScanner.Span> entry : read.variables().entrySet()) {
                variables.add(entry.getKey(), entry.getValue() == list
                        ? JsonValue.EMPTY_JSON_ARRAY
                        : value(readers, body, entry.getValue()));
            }
        } catch (JsonException e) {
            return null;
        }
        JsonObject extensions = read.extensions() == null ? null : value(readers, body, read.extensions()).asJsonObject();
        JsonObjectBuilder input = JsonValues.JSON.createObjectBuilder().add("query", read.query());
        if (read.operationName() != null) {
            input.add("operationName", read.operationName());
        }
        JsonObject slimVariables = variables.build();
        input.add("variables", slimVariables);
        if (extensions != null) {
            input.add("extensions", extensions);
        }
        BulkArguments.lift(variable, new BulkArguments.Lifted(body, list.start(), list.end() - list.start(), list.size()));
        return new GraphQLRequest(read.query(), read.operationName(), slimVariables, extensions, input.build());
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

    private static JsonValue value(JsonReaderFactory readers, byte[] body, BodyScanner.Span span) {
        String text = new String(body, span.start(), span.end() - span.start(), StandardCharsets.UTF_8);
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
