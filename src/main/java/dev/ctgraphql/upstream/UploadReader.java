package dev.ctgraphql.upstream;

import java.io.IOException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

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

    /** A record read: its wire form, or why CleverTap would refuse it (then {@code record} is null). */
    record Read(ObjectNode record, UploadChecks.Problem problem) {

        public static Read of(ObjectNode record) {
            return new Read(record, null);
        }

        public static Read refused(UploadChecks.Problem problem) {
            return new Read(null, problem);
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
            try {
                return text == null ? null : OffsetDateTime.parse(text);
            } catch (DateTimeParseException e) {
                throw new Malformed(where + "." + field + ": '" + abbreviate(text) + "' is not an ISO date-time with offset");
            }
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
