package dev.ctgraphql.upstream;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads one upload record, written as the fields of its GraphQL input type ({@code EventInput}, {@code ProfileInput},
 * {@code DeviceTokenInput}), straight from a JSON token stream into CleverTap's wire record, checking it on the way as
 * CleverTap would. Both doors use it: the upload mutations and the NDJSON ingest endpoint.
 */
public interface UploadReader {

    /**
     * The record starting at the parser's current token; {@code where} names it in messages, e.g. {@code events[3]}.
     * On return the parser is on the record's last token.
     *
     * @throws Malformed when the JSON is not an object of the input type's fields and types
     */
    Read read(JsonParser parser, String where) throws IOException;

    /**
     * A record read: its wire form as JSON bytes with the keys the profile cache knows it by, or why CleverTap would
     * refuse it (then {@code record} is null).
     */
    record Read(byte[] record, String identity, String objectId, String email, UploadChecks.Problem problem) {

        public static Read of(byte[] record, String identity, String objectId, String email) {
            return new Read(record, identity, objectId, email, null);
        }

        public static Read refused(UploadChecks.Problem problem) {
            return new Read(null, null, null, null, problem);
        }

        /** The item to send, at {@code index} in the caller's records. */
        public Uploads.Item item(int index) {
            return new Uploads.Item(index, record, identity, objectId, email);
        }
    }

    /**
     * Writes one wire record at a time into a reused buffer: {@link #start} before, {@link #bytes} after (which also
     * clears it for the next record); a record found invalid halfway is simply never asked for its bytes.
     */
    final class Output {

        private static final ObjectMapper MAPPER = new ObjectMapper();

        private final ByteArrayBuilder buffer = new ByteArrayBuilder(512);
        private JsonGenerator generator;

        /** A generator for the next record (one that can write trees too). */
        public JsonGenerator start() throws IOException {
            buffer.reset();
            generator = MAPPER.getFactory().createGenerator(buffer);
            return generator;
        }

        /** The record written since {@link #start}. */
        public byte[] bytes() throws IOException {
            generator.close();
            return buffer.toByteArray();
        }
    }

    /** Input that does not fit the input type at all: a wrong type, an unknown or missing field, broken JSON. */
    final class Malformed extends RuntimeException {

        public Malformed(String message) {
            super(message, null, false, false);
        }
    }

    /** Reads fields of the GraphQL scalar and enum types from the parser's current value token. */
    final class Fields {

        private static final ObjectMapper TREES = new ObjectMapper();

        private Fields() {
        }

        /** Fails unless the current token starts an object, naming the input type. */
        public static void requireObject(JsonParser parser, String where, String type) {
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                throw new Malformed(where + ": must be a " + type + " object");
            }
        }

        /** A field name that is not one of the input type's. */
        public static Malformed unknown(String where, String field, String type) {
            return new Malformed(where + "." + field + ": is not a field of " + type);
        }

        /** A required field that is missing or null. */
        public static Malformed missing(String where, String field) {
            return new Malformed(where + "." + field + ": is required");
        }

        /** A String; null for JSON null. */
        public static String string(JsonParser parser, String where, String field) throws IOException {
            JsonToken token = parser.currentToken();
            if (token == JsonToken.VALUE_NULL) {
                return null;
            }
            if (token != JsonToken.VALUE_STRING) {
                throw new Malformed(where + "." + field + ": must be a string");
            }
            return parser.getText();
        }

        /** An ID: a string, or an integer taken as its decimal text (as GraphQL's ID does). */
        public static String id(JsonParser parser, String where, String field) throws IOException {
            if (parser.currentToken() == JsonToken.VALUE_NUMBER_INT) {
                return parser.getText();
            }
            return string(parser, where, field);
        }

        /** A Boolean; null for JSON null. */
        public static Boolean bool(JsonParser parser, String where, String field) {
            return switch (parser.currentToken()) {
                case VALUE_TRUE -> Boolean.TRUE;
                case VALUE_FALSE -> Boolean.FALSE;
                case VALUE_NULL -> null;
                default -> throw new Malformed(where + "." + field + ": must be true or false");
            };
        }

        /** An enum value by its GraphQL name; null for JSON null. */
        public static <E extends Enum<E>> E enumValue(JsonParser parser, String where, String field, Class<E> type)
                throws IOException {
            String name = string(parser, where, field);
            if (name == null) {
                return null;
            }
            try {
                return Enum.valueOf(type, name);
            } catch (IllegalArgumentException e) {
                StringBuilder allowed = new StringBuilder();
                for (E value : type.getEnumConstants()) {
                    allowed.append(allowed.isEmpty() ? "" : ", ").append(value.name());
                }
                throw new Malformed(where + "." + field + ": '" + abbreviate(name) + "' is not one of " + allowed);
            }
        }

        /** A DateTime: ISO 8601 with an offset; null for JSON null. */
        public static OffsetDateTime dateTime(JsonParser parser, String where, String field) throws IOException {
            String text = string(parser, where, field);
            if (text == null) {
                return null;
            }
            OffsetDateTime common = commonDateTime(text);
            if (common != null) {
                return common;
            }
            try {
                return OffsetDateTime.parse(text);
            } catch (DateTimeParseException e) {
                throw new Malformed(where + "." + field + ": '" + abbreviate(text) + "' is not an ISO date-time with offset");
            }
        }

        /**
         * The common form {@code yyyy-mm-ddThh:mm:ss[.fraction](Z|+hh:mm|-hh:mm)} read without a formatter (several times
         * faster; uploads carry one per record); null for anything else, which the ISO parser then reads or refuses.
         */
        static OffsetDateTime commonDateTime(String text) {
            int length = text.length();
            if (length < 20 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                    || text.charAt(13) != ':' || text.charAt(16) != ':') {
                return null;
            }
            int at = 19;
            int nanos = 0;
            if (text.charAt(at) == '.') {
                int digits = 0;
                at++;
                while (at < length && Character.isDigit(text.charAt(at)) && digits < 9) {
                    nanos = nanos * 10 + (text.charAt(at++) - '0');
                    digits++;
                }
                if (digits == 0 || (at < length && Character.isDigit(text.charAt(at)))) {
                    return null;
                }
                for (int i = digits; i < 9; i++) {
                    nanos *= 10;
                }
            }
            int offsetSeconds;
            if (at == length - 1 && text.charAt(at) == 'Z') {
                offsetSeconds = 0;
            } else if (at == length - 6 && (text.charAt(at) == '+' || text.charAt(at) == '-') && text.charAt(at + 3) == ':') {
                int hours = digits(text, at + 1, 2);
                int minutes = digits(text, at + 4, 2);
                if (hours < 0 || minutes < 0 || hours > 18 || minutes > 59) {
                    return null;
                }
                offsetSeconds = (text.charAt(at) == '-' ? -1 : 1) * (hours * 3600 + minutes * 60);
            } else {
                return null;
            }
            int year = digits(text, 0, 4);
            int month = digits(text, 5, 2);
            int day = digits(text, 8, 2);
            int hour = digits(text, 11, 2);
            int minute = digits(text, 14, 2);
            int second = digits(text, 17, 2);
            if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
                return null;
            }
            try {
                return OffsetDateTime.of(year, month, day, hour, minute, second, nanos,
                        ZoneOffset.ofTotalSeconds(offsetSeconds));
            } catch (DateTimeException e) {
                return null;
            }
        }

        private static int digits(String text, int from, int count) {
            int value = 0;
            for (int i = from; i < from + count; i++) {
                char c = text.charAt(i);
                if (c < '0' || c > '9') {
                    return -1;
                }
                value = value * 10 + (c - '0');
            }
            return value;
        }

        /** A Date: ISO 8601 {@code yyyy-mm-dd}; null for JSON null. */
        public static LocalDate date(JsonParser parser, String where, String field) throws IOException {
            String text = string(parser, where, field);
            try {
                return text == null ? null : LocalDate.parse(text);
            } catch (DateTimeParseException e) {
                throw new Malformed(where + "." + field + ": '" + abbreviate(text) + "' is not an ISO date");
            }
        }

        /**
         * Copies a {@code JSON} properties value to {@code out} while checking it as {@link UploadChecks#properties} does
         * (same codes and messages); the caller has written the field name. Returns the problem, or null. On return the
         * parser is on the value's last token; after a problem, what was written is to be discarded.
         */
        public static UploadChecks.Problem copyProperties(JsonParser parser, JsonGenerator out, String field, int limitCode)
                throws IOException {
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                parser.skipChildren();
                return new UploadChecks.Problem(512, field + " must be a JSON object");
            }
            out.writeStartObject();
            int keys = 0;
            UploadChecks.Problem first = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                keys++;
                String key = parser.currentName();
                parser.nextToken();
                if (first != null) {
                    parser.skipChildren();
                    continue;
                }
                first = UploadChecks.key(key, field);
                if (first != null) {
                    parser.skipChildren();
                    continue;
                }
                out.writeFieldName(key);
                first = copyValue(parser, out, field + "." + key);
            }
            out.writeEndObject();
            if (keys > UploadChecks.MAX_PROPERTIES) {
                return new UploadChecks.Problem(limitCode, field + " has " + keys + " keys; at most "
                        + UploadChecks.MAX_PROPERTIES);
            }
            return first;
        }

        private static UploadChecks.Problem copyValue(JsonParser parser, JsonGenerator out, String where)
                throws IOException {
            switch (parser.currentToken()) {
                case START_OBJECT -> {
                    out.writeStartObject();
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String key = parser.currentName();
                        parser.nextToken();
                        UploadChecks.Problem problem = UploadChecks.key(key, where);
                        if (problem == null) {
                            out.writeFieldName(key);
                            problem = copyValue(parser, out, where + "." + key);
                        }
                        if (problem != null) {
                            parser.skipChildren();
                            skipRest(parser);
                            return problem;
                        }
                    }
                    out.writeEndObject();
                    return null;
                }
                case START_ARRAY -> {
                    out.writeStartArray();
                    int i = 0;
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        UploadChecks.Problem problem = copyValue(parser, out, where + "[" + i++ + "]");
                        if (problem != null) {
                            parser.skipChildren();
                            skipRest(parser);
                            return problem;
                        }
                    }
                    out.writeEndArray();
                    return null;
                }
                case VALUE_STRING -> {
                    int chars = parser.getTextLength();
                    if (chars * 3 > UploadChecks.MAX_VALUE_BYTES && utf8Length(parser) > UploadChecks.MAX_VALUE_BYTES) {
                        return new UploadChecks.Problem(512, where + " is longer than " + UploadChecks.MAX_VALUE_BYTES
                                + " bytes");
                    }
                    out.copyCurrentEvent(parser);
                    return null;
                }
                default -> {
                    out.copyCurrentEvent(parser);
                    return null;
                }
            }
        }

        /** Skips to the end of the container the parser is inside. */
        private static void skipRest(JsonParser parser) throws IOException {
            int depth = 1;
            while (depth > 0) {
                JsonToken token = parser.nextToken();
                if (token == null) {
                    return;
                }
                if (token.isStructStart()) {
                    depth++;
                } else if (token.isStructEnd()) {
                    depth--;
                }
            }
        }

        private static int utf8Length(JsonParser parser) throws IOException {
            char[] text = parser.getTextCharacters();
            int from = parser.getTextOffset();
            int length = 0;
            for (int i = from, end = from + parser.getTextLength(); i < end; i++) {
                char c = text[i];
                if (c < 0x80) {
                    length++;
                } else if (c < 0x800) {
                    length += 2;
                } else if (Character.isHighSurrogate(c)) {
                    length += 4;
                    i++;
                } else {
                    length += 3;
                }
            }
            return length;
        }

        /** A JSON scalar value as a tree; null for JSON null. */
        public static JsonNode json(JsonParser parser) throws IOException {
            if (parser.currentToken() == JsonToken.VALUE_NULL) {
                return null;
            }
            return TREES.readTree(parser);
        }

        private static String abbreviate(String text) {
            return text.length() > 60 ? text.substring(0, 60) + "…" : text;
        }
    }
}
