package dev.ctgraphql.graphql.http;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.Collection;
import java.util.Map;

import jakarta.json.JsonValue;

/**
 * Writes an answer without errors, {@code {"data": ...}}, straight from graphql-java's result (maps, lists and the
 * scalars' serialised values) with the same bytes SmallRye's JSON-P rendering gives, without building a JSON-P tree
 * first. Anything else (errors, extensions, a value of a type it does not know) is left to that rendering.
 */
final class AnswerJson {

    private AnswerJson() {
    }

    /** {@code {"data": data}} as UTF-8, or null when {@code data} holds a value this writer does not know. */
    static byte[] write(Object data) {
        if (!(data instanceof Map<?, ?>)) {
            return null;
        }
        StringBuilder out = new StringBuilder(128).append("{\"data\":");
        return value(data, out) ? out.append('}').toString().getBytes(StandardCharsets.UTF_8) : null;
    }

    private static boolean value(Object value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String text) {
            string(text, out);
        } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long
                || value instanceof Short || value instanceof Byte || value instanceof BigInteger
                || value instanceof BigDecimal) {
            out.append(value);
        } else if (value instanceof Double number) {
            if (number.isNaN() || number.isInfinite()) {
                return false;
            }
            out.append(BigDecimal.valueOf(number));
        } else if (value instanceof Float number) {
            if (number.isNaN() || number.isInfinite()) {
                return false;
            }
            out.append(new BigDecimal(String.valueOf(number.floatValue())));
        } else if (value instanceof Enum<?> constant) {
            string(constant.name(), out);
        } else if (value instanceof JsonValue json) {
            out.append(json);
        } else if (value instanceof TemporalAccessor time) {
            String text = time(time);
            if (text == null) {
                return false;
            }
            string(text, out);
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getKey() instanceof String key)) {
                    return false;
                }
                if (!first) {
                    out.append(',');
                }
                first = false;
                string(key, out);
                out.append(':');
                if (!value(entry.getValue(), out)) {
                    return false;
                }
            }
            out.append('}');
        } else if (value instanceof Collection<?> list) {
            out.append('[');
            boolean first = true;
            for (Object item : list) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                if (!value(item, out)) {
                    return false;
                }
            }
            out.append(']');
        } else {
            return false;
        }
        return true;
    }

    /**
     * A date or time as SmallRye's answer writer (JSON-B) writes it: the date scalars leave the Java value in the result,
     * and JSON-B writes each type in its ISO format. Null for a type not known here.
     */
    private static String time(TemporalAccessor time) {
        if (time instanceof OffsetDateTime) {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time);
        } else if (time instanceof Instant) {
            return DateTimeFormatter.ISO_INSTANT.format(time);
        } else if (time instanceof LocalDate) {
            return DateTimeFormatter.ISO_LOCAL_DATE.format(time);
        } else if (time instanceof LocalDateTime) {
            return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(time);
        } else if (time instanceof ZonedDateTime) {
            return DateTimeFormatter.ISO_ZONED_DATE_TIME.format(time);
        } else if (time instanceof LocalTime) {
            return DateTimeFormatter.ISO_LOCAL_TIME.format(time);
        } else if (time instanceof OffsetTime) {
            return DateTimeFormatter.ISO_OFFSET_TIME.format(time);
        }
        return null;
    }

    /** A JSON string, escaped as JSON-P escapes it: quote, backslash and control characters only. */
    private static void string(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
