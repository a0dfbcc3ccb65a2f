package dev.ctgraphql.graphql.http;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;

/**
 * Reads the shape of a GraphQL-over-HTTP JSON body token by token, fed its bytes as they arrive (in any pieces): the
 * query and operation name, where each variable's JSON lies (for a list, how many items it has and how deep it nests)
 * and where the extensions lie. Members may come in any order ({@code variables} before {@code query} too), so nothing
 * is decided before {@link #end}. A body that is not valid JSON, or not the plain shape (an object whose
 * {@code query} and {@code operationName} are strings and whose {@code variables} and {@code extensions} are objects),
 * reads as null: the ordinary reading then decides what to answer.
 */
final class BodyScanner {

    private static final JsonFactory JSON = new JsonFactory();

    /** Where a value lies in the body; for a list, how many items it has and how deep it nests. */
    record Span(int start, int end, boolean array, int size, int depth) {
    }

    /** What the body holds, with the values of variables and extensions as spans of the body. */
    record Body(String query, String operationName, Map<String, Span> variables, Span extensions) {
    }

    /** What the value being read belongs to. */
    private enum Owner {
        VARIABLE, EXTENSIONS, SKIPPED
    }

    private final JsonParser parser;
    private final ByteArrayFeeder feeder;
    private boolean failed;
    private boolean closed;
    /** Open objects and lists of the body outside a captured value: 1 inside the body's object, 2 inside variables. */
    private int level;
    private String member;
    private String variable;
    private String query;
    private String operationName;
    private final Map<String, Span> variables = new HashMap<>();
    private Span extensions;
    // the value being captured (depth > 0), and whose it is
    private Owner owner;
    private JsonToken first;
    private int start;
    private int depth;
    private int deepest;
    private int items;

    BodyScanner() {
        try {
            parser = JSON.createNonBlockingByteArrayParser();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        feeder = (ByteArrayFeeder) parser.getNonBlockingInputFeeder();
    }

    /** The shape of a whole body, or null when it is not the plain shape. */
    static Body scan(byte[] body) {
        BodyScanner scanner = new BodyScanner();
        scanner.feed(body, 0, body.length);
        return scanner.end();
    }

    /**
     * The next bytes of the body, {@code bytes[from, to)}; offsets in spans count from the first byte fed, so a caller
     * that keeps the body in one array feeds it in order from its start. Returns false once the body is known not to
     * be the plain shape (the rest need not be fed).
     */
    boolean feed(byte[] bytes, int from, int to) {
        if (failed || from == to) {
            return !failed;
        }
        try {
            feeder.feedInput(bytes, from, to);
            read();
        } catch (IOException | RuntimeException e) {
            fail();
        }
        return !failed;
    }

    /** The body has ended: its shape, or null when it is not the plain shape. */
    Body end() {
        if (!failed) {
            try {
                feeder.endOfInput();
                read();
            } catch (IOException | RuntimeException e) {
                fail();
            }
        }
        return failed || !closed ? null : new Body(query, operationName, variables, extensions);
    }

    private void fail() {
        failed = true;
        try {
            parser.close();
        } catch (IOException e) {
            // nothing held but memory
        }
    }

    private void read() throws IOException {
        JsonToken token;
        while (!failed && (token = parser.nextToken()) != null && token != JsonToken.NOT_AVAILABLE) {
            if (depth > 0) {
                capture(token);
            } else {
                shape(token);
            }
        }
    }

    /** A token of the body's own object or of its variables object. */
    private void shape(JsonToken token) throws IOException {
        if (closed) {
            fail(); // something after the body's object
        } else if (level == 0) {
            if (token == JsonToken.START_OBJECT) {
                level = 1;
            } else {
                fail();
            }
        } else if (token == JsonToken.END_OBJECT) {
            level--;
            closed = level == 0;
        } else if (token == JsonToken.FIELD_NAME) {
            if (level == 1) {
                member = parser.currentName();
            } else {
                variable = parser.currentName();
            }
        } else if (level == 2) {
            begin(Owner.VARIABLE, token);
        } else {
            member(token);
        }
    }

    /** The value of the body's member {@link #member}. */
    private void member(JsonToken token) throws IOException {
        switch (member) {
            case "query" -> {
                if (token == JsonToken.VALUE_STRING) {
                    query = parser.getText();
                } else {
                    fail();
                }
            }
            case "operationName" -> {
                if (token == JsonToken.VALUE_STRING) {
                    operationName = parser.getText();
                } else if (token == JsonToken.VALUE_NULL) {
                    operationName = null;
                } else {
                    fail();
                }
            }
            case "variables" -> {
                if (token == JsonToken.START_OBJECT) {
                    level = 2;
                } else {
                    fail();
                }
            }
            case "extensions" -> {
                if (token == JsonToken.START_OBJECT) {
                    begin(Owner.EXTENSIONS, token);
                } else {
                    fail();
                }
            }
            default -> begin(Owner.SKIPPED, token);
        }
    }

    /** The first token of a value whose span is wanted (or that is skipped). */
    private void begin(Owner whose, JsonToken token) {
        owner = whose;
        first = token;
        start = (int) parser.currentTokenLocation().getByteOffset();
        items = 0;
        if (token.isStructStart()) {
            depth = 1;
            deepest = 1;
        } else {
            depth = 0;
            done(new Span(start, (int) parser.currentLocation().getByteOffset(), false, 0, 0));
        }
    }

    /** A token inside a value whose span is wanted. */
    private void capture(JsonToken token) {
        if (depth == 1 && first == JsonToken.START_ARRAY && token != JsonToken.END_ARRAY) {
            items++;
        }
        if (token.isStructStart()) {
            deepest = Math.max(deepest, ++depth);
        } else if (token.isStructEnd() && --depth == 0) {
            done(new Span(start, (int) parser.currentLocation().getByteOffset(), first == JsonToken.START_ARRAY, items,
                    deepest));
        }
    }

    private void done(Span span) {
        switch (owner) {
            case VARIABLE -> variables.put(variable, span);
            case EXTENSIONS -> extensions = span;
            case SKIPPED -> {
                // a member this does not read
            }
        }
    }
}
