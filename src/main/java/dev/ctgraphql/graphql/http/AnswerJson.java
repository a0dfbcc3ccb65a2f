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
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.Arrays;
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
        Out out = new Out(8192);
        out.ascii("{\"data\":");
        if (!value(data, out)) {
            return null;
        }
        out.ascii("}");
        return out.bytes();
    }

    private static boolean value(Object value, Out out) {
        if (value == null) {
            out.ascii("null");
        } else if (value instanceof String text) {
            string(text, out);
        } else if (value instanceof BigInteger big && big.bitLength() < 64) {
            // BigInteger's own toString is slow for small values (the Long scalar's serialised form)
            out.decimal(big.longValue());
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short
                || value instanceof Byte) {
            out.decimal(((Number) value).longValue());
        } else if (value instanceof Boolean || value instanceof BigInteger || value instanceof BigDecimal) {
            out.ascii(value.toString());
        } else if (value instanceof Double number) {
            if (number.isNaN() || number.isInfinite()) {
                return false;
            }
            out.ascii(BigDecimal.valueOf(number).toString());
        } else if (value instanceof Float number) {
            if (number.isNaN() || number.isInfinite()) {
                return false;
            }
            out.ascii(new BigDecimal(String.valueOf(number.floatValue())).toString());
        } else if (value instanceof Enum<?> constant) {
            string(constant.name(), out);
        } else if (value instanceof JsonValue json) {
            out.text(json.toString());
        } else if (value instanceof TemporalAccessor time) {
            if (time instanceof OffsetDateTime utc && whole(utc)) {
                // the usual CleverTap time, without the formatter's generic machinery (same text)
                out.quotedUtc(utc);
                return true;
            }
            String text = time(time);
            if (text == null) {
                return false;
            }
            string(text, out);
        } else if (value instanceof Map<?, ?> map) {
            out.ascii("{");
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getKey() instanceof String key)) {
                    return false;
                }
                if (!first) {
                    out.ascii(",");
                }
                first = false;
                string(key, out);
                out.ascii(":");
                if (!value(entry.getValue(), out)) {
                    return false;
                }
            }
            out.ascii("}");
        } else if (value instanceof Collection<?> list) {
            out.ascii("[");
            boolean first = true;
            for (Object item : list) {
                if (!first) {
                    out.ascii(",");
                }
                first = false;
                if (!value(item, out)) {
                    return false;
                }
            }
            out.ascii("]");
        } else {
            return false;
        }
        return true;
    }

    /** A UTC time of whole seconds in years 1000 to 9999: ISO 8601 as {@code yyyy-MM-ddTHH:mm:ssZ}. */
    private static boolean whole(OffsetDateTime time) {
        return time.getNano() == 0 && time.getOffset().equals(ZoneOffset.UTC) && time.getYear() >= 1000
                && time.getYear() <= 9999;
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
    private static void string(String text, Out out) {
        int n = text.length();
        boolean ascii = true;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\') {
                escaped(text, out);
                return;
            }
            ascii &= c < 0x7f;
        }
        if (ascii) {
            out.quoted(text);
        } else {
            out.quotedUtf8(text);
        }
    }

    /** A JSON string with characters to escape. */
    private static void escaped(String text, Out out) {
        int n = text.length();
        out.ascii("\"");
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.ascii("\\\"");
                case '\\' -> out.ascii("\\\\");
                case '\b' -> out.ascii("\\b");
                case '\f' -> out.ascii("\\f");
                case '\n' -> out.ascii("\\n");
                case '\r' -> out.ascii("\\r");
                case '\t' -> out.ascii("\\t");
                default -> {
                    if (c < 0x20) {
                        out.ascii(String.format("\\u%04x", (int) c));
                    } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                        out.codePoint(Character.toCodePoint(c, text.charAt(++i)));
                    } else {
                        out.codePoint(Character.isSurrogate(c) ? '?' : c);
                    }
                }
            }
        }
        out.ascii("\"");
    }

    /** A growing UTF-8 buffer. */
    @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int): exact for ASCII, and no encoder
    private static final class Out {
        private byte[] bytes;
        private int size;

        Out(int capacity) {
            bytes = new byte[capacity];
        }

        private void room(int more) {
            if (size + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
            }
        }

        /** Text known to be ASCII. */
        void ascii(String text) {
            int n = text.length();
            room(n);
            text.getBytes(0, n, bytes, size);
            size += n;
        }

        /** Text known to be printable ASCII without quote or backslash, in quotes. */
        void quoted(String text) {
            int n = text.length();
            room(n + 2);
            bytes[size++] = '"';
            text.getBytes(0, n, bytes, size);
            size += n;
            bytes[size++] = '"';
        }

        /** One code point as UTF-8 (a surrogate, which has none, is written as {@code ?} as String.getBytes does). */
        void codePoint(int c) {
            room(4);
            if (c < 0x80) {
                bytes[size++] = (byte) c;
            } else if (c < 0x800) {
                bytes[size++] = (byte) (0xc0 | c >> 6);
                bytes[size++] = (byte) (0x80 | c & 0x3f);
            } else if (c < 0x10000) {
                bytes[size++] = (byte) (0xe0 | c >> 12);
                bytes[size++] = (byte) (0x80 | c >> 6 & 0x3f);
                bytes[size++] = (byte) (0x80 | c & 0x3f);
            } else {
                bytes[size++] = (byte) (0xf0 | c >> 18);
                bytes[size++] = (byte) (0x80 | c >> 12 & 0x3f);
                bytes[size++] = (byte) (0x80 | c >> 6 & 0x3f);
                bytes[size++] = (byte) (0x80 | c & 0x3f);
            }
        }

        /**
         * Text with nothing to escape, in quotes, as UTF-8: what {@link #codePoint} writes for each character (a lone
         * surrogate as {@code ?}), with one check for room.
         */
        void quotedUtf8(String text) {
            int n = text.length();
            room(n * 3 + 2);
            bytes[size++] = '"';
            for (int i = 0; i < n; i++) {
                char c = text.charAt(i);
                if (c < 0x80) {
                    bytes[size++] = (byte) c;
                } else if (c < 0x800) {
                    bytes[size++] = (byte) (0xc0 | c >> 6);
                    bytes[size++] = (byte) (0x80 | c & 0x3f);
                } else if (!Character.isSurrogate(c)) {
                    bytes[size++] = (byte) (0xe0 | c >> 12);
                    bytes[size++] = (byte) (0x80 | c >> 6 & 0x3f);
                    bytes[size++] = (byte) (0x80 | c & 0x3f);
                } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                    // two chars, four bytes: within the room made
                    codePoint(Character.toCodePoint(c, text.charAt(++i)));
                } else {
                    bytes[size++] = '?';
                }
            }
            bytes[size++] = '"';
        }

        /** A whole number as Long.toString writes it, without making the string. */
        void decimal(long value) {
            if (value == Long.MIN_VALUE) {
                ascii(Long.toString(value));
                return;
            }
            room(20);
            if (value < 0) {
                bytes[size++] = '-';
                value = -value;
            }
            int width = 1;
            for (long rest = value / 10; rest > 0; rest /= 10) {
                width++;
            }
            digits(value, width);
        }

        /** Any text, as UTF-8. */
        void text(String text) {
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            room(utf8.length);
            System.arraycopy(utf8, 0, bytes, size, utf8.length);
            size += utf8.length;
        }

        /** {@code "yyyy-MM-ddTHH:mm:ssZ"}. */
        void quotedUtc(OffsetDateTime time) {
            room(22);
            bytes[size++] = '"';
            digits(time.getYear(), 4);
            bytes[size++] = '-';
            digits(time.getMonthValue(), 2);
            bytes[size++] = '-';
            digits(time.getDayOfMonth(), 2);
            bytes[size++] = 'T';
            digits(time.getHour(), 2);
            bytes[size++] = ':';
            digits(time.getMinute(), 2);
            bytes[size++] = ':';
            digits(time.getSecond(), 2);
            bytes[size++] = 'Z';
            bytes[size++] = '"';
        }

        /** The last {@code width} decimal digits of {@code value} (not negative), zero-padded on the left. */
        private void digits(long value, int width) {
            for (int i = width - 1; i >= 0; i--) {
                bytes[size + i] = (byte) ('0' + value % 10);
                value /= 10;
            }
            size += width;
        }

        byte[] bytes() {
            return Arrays.copyOf(bytes, size);
        }
    }
}
