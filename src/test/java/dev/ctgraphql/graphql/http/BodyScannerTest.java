package dev.ctgraphql.graphql.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * The body's shape is read from its bytes as they arrive, in whatever pieces: the same spans, counts and texts whether
 * the body comes whole, cut at any byte (inside a string, a number, a multi-byte character) or a byte at a time, and
 * whatever the members' order; a body is read as valid JSON exactly when Jackson reads it so.
 */
class BodyScannerTest {

    /** {@code variables} before {@code query}, extensions, a member this does not read, every kind of variable. */
    private static final String BODY = "{ \"variables\" : {\"events\": [{\"identity\":\"u-1\",\"name\":\"Caf\u00e9 \\\"\u2615\\\"\","
            + "\"properties\":{\"seq\":[1,{\"deep\":[true]}]}}, {\"identity\":\"u-2\",\"name\":\"x\"}, \"odd\", 7],"
            + "\"n\": -12.5e3 ,\"dry\":true,\"none\":null,\"s\":\"\\u00e9\\n\",\"o\":{\"a\":[]}},"
            + "\"ignored\": {\"x\": [1, [2]]}, \"operationName\": \"Up\","
            + "\"query\": \"mutation Up($events: [EventInput!]!) { uploadEvents(events: $events) { accepted } }\","
            + "\"extensions\": {\"persistedQuery\": {\"version\": 1}}}\n";

    @Test
    void theShapeIsTheSameWhereverTheBodyIsCut() {
        byte[] bytes = BODY.getBytes(StandardCharsets.UTF_8);
        BodyScanner.Body whole = BodyScanner.scan(bytes);
        check(whole, bytes);
        for (int cut = 1; cut < bytes.length; cut++) {
            BodyScanner scanner = new BodyScanner();
            // the array grows as a reader's would: the first piece alone, then a longer copy
            scanner.feed(Arrays.copyOf(bytes, cut), 0, cut);
            scanner.feed(bytes, cut, bytes.length);
            assertThat("cut at " + cut, scanner.end(), equalTo(whole));
        }
        BodyScanner scanner = new BodyScanner();
        for (int i = 0; i < bytes.length; i++) {
            scanner.feed(bytes, i, i + 1);
        }
        assertThat(scanner.end(), equalTo(whole));
    }

    private static void check(BodyScanner.Body body, byte[] bytes) {
        assertThat(body.query(),
                equalTo("mutation Up($events: [EventInput!]!) { uploadEvents(events: $events) { accepted } }"));
        assertThat(body.operationName(), equalTo("Up"));
        BodyScanner.Span events = body.variables().get("events");
        assertThat(events.array(), equalTo(true));
        assertThat(events.size(), equalTo(4));
        assertThat(events.depth(), equalTo(6));
        assertThat(text(bytes, events), equalTo("[{\"identity\":\"u-1\",\"name\":\"Caf\u00e9 \\\"\u2615\\\"\",\"properties\":"
                + "{\"seq\":[1,{\"deep\":[true]}]}}, {\"identity\":\"u-2\",\"name\":\"x\"}, \"odd\", 7]"));
        assertThat(text(bytes, body.variables().get("n")), equalTo("-12.5e3"));
        assertThat(text(bytes, body.variables().get("dry")), equalTo("true"));
        assertThat(text(bytes, body.variables().get("none")), equalTo("null"));
        assertThat(text(bytes, body.variables().get("s")), equalTo("\"\\u00e9\\n\""));
        assertThat(text(bytes, body.variables().get("o")), equalTo("{\"a\":[]}"));
        assertThat(body.variables().get("o").array(), equalTo(false));
        assertThat(body.variables().size(), equalTo(6));
        assertThat(text(bytes, body.extensions()), equalTo("{\"persistedQuery\": {\"version\": 1}}"));
    }

    @Test
    void aBodyThatIsNotThePlainShapeOrNotJsonReadsAsNull() {
        for (String body : List.of("[1]", "{\"query\": 5}", "{\"variables\": []}", "{\"query\": \"q\"} {}",
                "{\"query\": \"q\", \"variables\": {\"a\": [1, 2}}", "{\"query\": \"q\", \"variables\": {\"a\": [1, 2]}",
                "{\"operationName\": 1}", "{\"extensions\": \"x\"}", "", "nul")) {
            assertThat(body, BodyScanner.scan(body.getBytes(StandardCharsets.UTF_8)), nullValue());
        }
    }

    @Test
    void aVariableIsReadAsValidExactlyWhenJacksonReadsItAsValidJsonWhereverTheBodyIsCut() throws Exception {
        List<String> values = List.of("0", "-0", "12", "-3.25", "1.5e+3", "2E-7", "1e9", "01", "1.", "-", ".5", "1e", "1e+",
                "--1", "+1", "true", "false", "null", "tru", "nulll", "truex", "\"\"", "\"a\\\"b\\\\c\\/\\b\\f\\n\\r\\t\"",
                "\"\\u00e9\\uD83D\\uDE00\"", "\"\\x\"", "\"\\u12G4\"", "\"tab\there\"", "\"caf\u00e9 \u2615 \uD83D\uDE00\"",
                "[]", "{}",
                "[1,]", "{\"a\":1,}", "{\"a\" 1}", "{\"a\":}", "[1 2]", "[[[]]]", "{\"a\":[{\"b\":null}]}", "[1}", "{\"a\":1]",
                "\"open");
        for (String value : values) {
            String body = "{\"query\": \"q\", \"variables\": {\"v\": " + value + "}}";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            boolean valid = jacksonReads(bytes);
            for (int cut = 0; cut <= bytes.length; cut++) {
                BodyScanner scanner = new BodyScanner();
                scanner.feed(bytes, 0, cut);
                scanner.feed(bytes, cut, bytes.length);
                BodyScanner.Body read = scanner.end();
                assertThat(value + " cut at " + cut, read != null, equalTo(valid));
                if (valid) {
                    assertThat(value, text(bytes, read.variables().get("v")), equalTo(value));
                }
            }
        }
        for (byte[] bad : List.of(new byte[]{(byte) 0xFF}, new byte[]{(byte) 0x80}, new byte[]{(byte) 0xC3},
                new byte[]{(byte) 0xE2, (byte) 0x98}, new byte[]{(byte) 0xC3, 'a'})) {
            byte[] bytes = concat("{\"query\": \"q\", \"variables\": {\"v\": \"x", bad, "y\"}}");
            assertThat(jacksonReads(bytes), equalTo(false));
            assertThat(BodyScanner.scan(bytes), nullValue());
        }
    }

    private static boolean jacksonReads(byte[] bytes) {
        try (JsonParser parser = new JsonFactory().createParser(bytes)) {
            while (parser.nextToken() != null) {
                if (parser.currentToken() == JsonToken.VALUE_STRING) {
                    parser.getText();
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static byte[] concat(String before, byte[] middle, String after) {
        byte[] head = before.getBytes(StandardCharsets.UTF_8);
        byte[] tail = after.getBytes(StandardCharsets.UTF_8);
        byte[] all = Arrays.copyOf(head, head.length + middle.length + tail.length);
        System.arraycopy(middle, 0, all, head.length, middle.length);
        System.arraycopy(tail, 0, all, head.length + middle.length, tail.length);
        return all;
    }

    private static String text(byte[] bytes, BodyScanner.Span span) {
        return new String(bytes, span.start(), span.end() - span.start(), StandardCharsets.UTF_8);
    }
}
