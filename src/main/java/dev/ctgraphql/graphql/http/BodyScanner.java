package dev.ctgraphql.graphql.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * Reads the shape of a GraphQL-over-HTTP JSON body byte by byte, fed its bytes as they arrive (in any pieces), checking
 * that the whole body is valid JSON: the query and operation name, where each variable's JSON lies (for a list, how
 * many items it has and how deep it nests) and where the extensions lie. Members may come in any order
 * ({@code variables} before {@code query} too), so nothing is decided before {@link #end}. A body that is not valid
 * JSON, or not the plain shape (an object whose {@code query} and {@code operationName} are strings and whose
 * {@code variables} and {@code extensions} are objects), reads as null: the ordinary reading then decides what to
 * answer. Hand-written rather than a token parser's because it runs over megabytes while they arrive: it decodes no
 * string, only checks it, and keeps no token.
 */
final class BodyScanner {

    private static final JsonFactory JSON = new JsonFactory();
    /** As deep as Jackson's parsers let JSON nest by default. */
    private static final int MAX_DEPTH = 1000;

    /** Where a value lies in the body; for a list, how many items it has and how deep it nests. */
    record Span(int start, int end, boolean array, int size, int depth) {
    }

    /** What the body holds, with the values of variables and extensions as spans of the body. */
    record Body(String query, String operationName, Map<String, Span> variables, Span extensions) {
    }

    // where the scan is between tokens, or inside one
    private static final int VALUE = 0;
    private static final int VALUE_OR_CLOSE = 1;
    private static final int KEY_OR_CLOSE = 2;
    private static final int KEY = 3;
    private static final int COLON = 4;
    private static final int NEXT = 5;
    private static final int STRING = 6;
    private static final int ESCAPE = 7;
    private static final int UNICODE = 8;
    private static final int NUMBER = 9;
    private static final int LITERAL = 10;
    private static final int CONTINUATION = 11;
    private static final int FAILED = 12;

    // inside a number: what may come next
    private static final int AFTER_MINUS = 0;
    private static final int AFTER_ZERO = 1;
    private static final int INTEGER = 2;
    private static final int AFTER_POINT = 3;
    private static final int FRACTION = 4;
    private static final int AFTER_E = 5;
    private static final int AFTER_E_SIGN = 6;
    private static final int EXPONENT = 7;

    private static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FALSE = "false".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);

    /** What a value at the body's level or in its variables is. */
    private enum Member {
        QUERY, OPERATION_NAME, VARIABLES, EXTENSIONS, OTHER
    }

    /** The body so far: every byte fed, at its offset. */
    private byte[] body;
    private int state = VALUE;
    /** The open objects ('{') and lists ('['), outermost first. */
    private final byte[] open = new byte[MAX_DEPTH + 1];
    private int depth;
    private boolean closed;
    // the string being read
    private int stringStart;
    private boolean stringIsKey;
    private boolean escaped;
    private int hexLeft;
    /** Continuation bytes still due in the UTF-8 sequence being read. */
    private int continuations;
    // the number or literal being read
    private int numberState;
    private byte[] literal;
    private int literalAt;
    // the member of the body (depth 1) and the variable (depth 2 in variables) whose value comes next
    private Member member = Member.OTHER;
    private String variable;
    private boolean inVariables;
    // the value whose span is wanted, while it is read (captureDepth >= 0)
    private int captureDepth = -1;
    private Member captured;
    private int captureStart;
    private boolean captureArray;
    private int items;
    private int deepest;
    // what was found
    private Span query;
    private Span operationName;
    private boolean operationNameNull;
    private final Map<String, Span> variables = new HashMap<>();
    private Span extensions;

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
        body = bytes;
        if (state != FAILED) {
            try {
                run(from, to);
            } catch (IOException | RuntimeException e) {
                state = FAILED;
            }
        }
        return state != FAILED;
    }

    /** The body has ended: its shape, or null when it is not the plain shape. */
    Body end() {
        if (state != NEXT || depth != 0 || !closed) {
            return null;
        }
        try {
            String text = query == null ? null : string(query);
            String name = operationName == null || operationNameNull ? null : string(operationName);
            return new Body(text, name, variables, extensions);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private void run(int from, int to) throws IOException {
        byte[] b = body;
        int i = from;
        while (i < to && state != FAILED) {
            int c = b[i] & 0xFF;
            switch (state) {
                case STRING -> {
                    // the bulk of a body: run through the string's plain bytes
                    while (c != '"' && c != '\\' && c >= 0x20 && c < 0x80) {
                        if (++i == to) {
                            return;
                        }
                        c = b[i] & 0xFF;
                    }
                    if (c == '"') {
                        stringEnded(i);
                    } else if (c == '\\') {
                        escaped = true;
                        state = ESCAPE;
                    } else if (c >= 0xC2 && c <= 0xF4) {
                        // the lead byte of a UTF-8 sequence: 1 to 3 continuation bytes follow
                        continuations = c < 0xE0 ? 1 : c < 0xF0 ? 2 : 3;
                        state = CONTINUATION;
                    } else {
                        state = FAILED; // a control character (it must be escaped), or not UTF-8
                    }
                    i++;
                }
                case CONTINUATION -> {
                    if ((c & 0xC0) != 0x80) {
                        state = FAILED;
                    } else if (--continuations == 0) {
                        state = STRING;
                    }
                    i++;
                }
                case ESCAPE -> {
                    if (c == 'u') {
                        hexLeft = 4;
                        state = UNICODE;
                    } else if (c == '"' || c == '\\' || c == '/' || c == 'b' || c == 'f' || c == 'n' || c == 'r'
                            || c == 't') {
                        state = STRING;
                    } else {
                        state = FAILED;
                    }
                    i++;
                }
                case UNICODE -> {
                    if (Character.digit(c, 16) < 0) {
                        state = FAILED;
                    } else if (--hexLeft == 0) {
                        state = STRING;
                    }
                    i++;
                }
                case NUMBER -> {
                    if (number(c)) {
                        i++;
                    } else if (numberState == AFTER_ZERO || numberState == INTEGER || numberState == FRACTION
                            || numberState == EXPONENT) {
                        valueEnded(i);
                        state = NEXT; // the byte that ended it is read again as what follows a value
                    } else {
                        state = FAILED;
                    }
                }
                case LITERAL -> {
                    if (c != literal[literalAt]) {
                        state = FAILED;
                    } else if (++literalAt == literal.length) {
                        valueEnded(i + 1);
                        state = NEXT;
                    }
                    i++;
                }
                default -> {
                    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
                        i++;
                    } else {
                        between(c, i);
                        i++;
                    }
                }
            }
        }
    }

    /** A byte other than whitespace between tokens, at {@code at}. */
    private void between(int c, int at) throws IOException {
        switch (state) {
            case VALUE -> value(c, at);
            case VALUE_OR_CLOSE -> {
                if (c == ']') {
                    close(c, at);
                } else {
                    value(c, at);
                }
            }
            case KEY_OR_CLOSE, KEY -> {
                if (c == '"') {
                    startString(at, true);
                } else if (c == '}' && state == KEY_OR_CLOSE) {
                    close(c, at);
                } else {
                    state = FAILED;
                }
            }
            case COLON -> state = c == ':' ? VALUE : FAILED;
            case NEXT -> {
                if (depth == 0) {
                    state = FAILED; // something after the body's object
                } else if (c == ',') {
                    state = open[depth] == '{' ? KEY : VALUE;
                } else if (c == '}' || c == ']') {
                    close(c, at);
                } else {
                    state = FAILED;
                }
            }
            default -> state = FAILED;
        }
    }

    /** The first byte of a value. */
    private void value(int c, int at) {
        if (depth == 0 && (closed || c != '{')) {
            state = FAILED; // the body is one object
            return;
        }
        if (captureDepth >= 0 && depth == captureDepth + 1 && captureArray) {
            items++;
        }
        if (captureDepth < 0 && depth == 1) {
            if (!fits(member, c)) {
                state = FAILED;
                return;
            }
            if (member != Member.VARIABLES && member != Member.OTHER) {
                capture(member, at, c);
            }
        } else if (captureDepth < 0 && depth == 2 && inVariables) {
            capture(Member.VARIABLES, at, c);
        }
        switch (c) {
            case '{', '[' -> {
                if (depth == MAX_DEPTH) {
                    state = FAILED;
                    return;
                }
                if (depth == 1 && member == Member.VARIABLES && captureDepth < 0) {
                    inVariables = true;
                }
                open[++depth] = (byte) c;
                if (captureDepth >= 0) {
                    deepest = Math.max(deepest, depth - captureDepth);
                }
                state = c == '{' ? KEY_OR_CLOSE : VALUE_OR_CLOSE;
            }
            case '"' -> startString(at, false);
            case 't', 'f', 'n' -> {
                literal = c == 't' ? TRUE : c == 'f' ? FALSE : NULL;
                literalAt = 1;
                state = LITERAL;
            }
            default -> {
                if (c == '-') {
                    numberState = AFTER_MINUS;
                } else if (c == '0') {
                    numberState = AFTER_ZERO;
                } else if (c >= '1' && c <= '9') {
                    numberState = INTEGER;
                } else {
                    state = FAILED;
                    return;
                }
                state = NUMBER;
            }
        }
    }

    /** Whether a member's value may start with {@code c}: the plain shape's types. */
    private static boolean fits(Member member, int c) {
        return switch (member) {
            case QUERY -> c == '"';
            case OPERATION_NAME -> c == '"' || c == 'n';
            case VARIABLES, EXTENSIONS -> c == '{';
            case OTHER -> true;
        };
    }

    private void capture(Member whose, int at, int c) {
        captured = whose;
        captureDepth = depth;
        captureStart = at;
        captureArray = c == '[';
        items = 0;
        deepest = 0;
        if (whose == Member.OPERATION_NAME) {
            operationNameNull = c == 'n';
        }
    }

    /** A value ended just before {@code end}: if it is the one captured, its span is known. */
    private void valueEnded(int end) {
        if (captureDepth != depth) {
            return;
        }
        Span span = new Span(captureStart, end, captureArray, items, deepest);
        switch (captured) {
            case QUERY -> query = span;
            case OPERATION_NAME -> operationName = span;
            case VARIABLES -> variables.put(variable, span);
            case EXTENSIONS -> extensions = span;
            case OTHER -> {
                // not read
            }
        }
        captureDepth = -1;
    }

    private void close(int c, int at) {
        if (open[depth] != (c == '}' ? '{' : '[')) {
            state = FAILED;
            return;
        }
        depth--;
        if (depth == 1) {
            inVariables = false;
        }
        closed = depth == 0;
        valueEnded(at + 1);
        state = NEXT;
    }

    private void startString(int at, boolean key) {
        stringStart = at;
        stringIsKey = key;
        escaped = false;
        state = STRING;
    }

    /** The closing quote of the string being read is at {@code at}. */
    private void stringEnded(int at) throws IOException {
        if (!stringIsKey) {
            valueEnded(at + 1);
            state = NEXT;
            return;
        }
        state = COLON;
        if (captureDepth >= 0) {
            return;
        }
        if (depth == 1) {
            member = member(at);
        } else if (depth == 2 && inVariables) {
            Span key = new Span(stringStart, at + 1, false, 0, 0);
            variable = escaped ? string(key) : new String(body, stringStart + 1, at - stringStart - 1, StandardCharsets.UTF_8);
        }
    }

    /** The body's member whose name ends at {@code at}. */
    private Member member(int at) throws IOException {
        String name = escaped
                ? string(new Span(stringStart, at + 1, false, 0, 0))
                : new String(body, stringStart + 1, at - stringStart - 1, StandardCharsets.UTF_8);
        return switch (name) {
            case "query" -> Member.QUERY;
            case "operationName" -> Member.OPERATION_NAME;
            case "variables" -> Member.VARIABLES;
            case "extensions" -> Member.EXTENSIONS;
            default -> Member.OTHER;
        };
    }

    /** Whether {@code c} goes on the number being read (updating where it is in the number). */
    private boolean number(int c) {
        boolean digit = c >= '0' && c <= '9';
        switch (numberState) {
            case AFTER_MINUS -> {
                if (c == '0') {
                    numberState = AFTER_ZERO;
                } else if (digit) {
                    numberState = INTEGER;
                } else {
                    return false;
                }
            }
            case AFTER_ZERO, INTEGER -> {
                if (digit && numberState == INTEGER) {
                    return true;
                } else if (c == '.') {
                    numberState = AFTER_POINT;
                } else if (c == 'e' || c == 'E') {
                    numberState = AFTER_E;
                } else {
                    return false;
                }
            }
            case AFTER_POINT, FRACTION -> {
                if (digit) {
                    numberState = FRACTION;
                } else if (numberState == FRACTION && (c == 'e' || c == 'E')) {
                    numberState = AFTER_E;
                } else {
                    return false;
                }
            }
            case AFTER_E -> {
                if (c == '+' || c == '-') {
                    numberState = AFTER_E_SIGN;
                } else if (digit) {
                    numberState = EXPONENT;
                } else {
                    return false;
                }
            }
            default -> {
                if (digit) {
                    numberState = EXPONENT;
                } else {
                    return false;
                }
            }
        }
        return true;
    }

    /** The text of the JSON string at {@code span}, its escapes decoded. */
    private String string(Span span) throws IOException {
        try (JsonParser parser = JSON.createParser(body, span.start(), span.end() - span.start())) {
            if (parser.nextToken() != JsonToken.VALUE_STRING) {
                throw new IOException("not a string");
            }
            return parser.getText();
        }
    }
}
