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
    /** The body so far: every byte fed, at its offset. */
    private byte[] body;
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
     * The next bytes of the body, {@code bytes[from, to)}, where {@code bytes} holds the whole body so far from offset 0
     * (the array may be a new, longer copy each time). Returns false once the body is known not to be the plain shape
     * (the rest need not be fed).
     */
    boolean feed(byte[] bytes, int from, int to) {
        if (failed || from == to) {
            return !failed;
        }
        body = bytes;
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
        start = startOf(token);
        if (start < 0) {
            fail();
            return;
        }
        items = 0;
        if (token.isStructStart()) {
            depth = 1;
            deepest = 1;
        } else {
            depth = 0;
            done(new Span(start, (int) parser.currentLocation().getByteOffset(), false, 0, 0));
        }
    }

    /**
     * Where the value token just read starts, or -1 when that cannot be told. Jackson's non-blocking parser places a
     * token one byte after its first (as of 2.21); the token's first byte decides between that and the reported place,
     * so a parser that reports the exact place reads the same, and one that reports anything else reads as not the
     * plain shape (the ordinary reading then), never as a wrong span.
     */
    private int startOf(JsonToken token) {
        long reported = parser.currentTokenLocation().getByteOffset();
        for (long at = reported - 1; at <= reported; at++) {
            if (at >= 0 && at < body.length && opens(token, body[(int) at])) {
                return (int) at;
            }
        }
        return -1;
    }

    private static boolean opens(JsonToken token, byte first) {
        return switch (token) {
            case START_OBJECT -> first == '{';
            case START_ARRAY -> first == '[';
            case VALUE_STRING -> first == '"';
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> first == '-' || first >= '0' && first <= '9';
            case VALUE_TRUE -> first == 't';
            case VALUE_FALSE -> first == 'f';
            case VALUE_NULL -> first == 'n';
            default -> false;
        };
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
