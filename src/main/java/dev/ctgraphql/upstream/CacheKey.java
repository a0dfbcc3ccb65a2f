package dev.ctgraphql.upstream;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Builds the key of a cached CleverTap answer from its {@link Endpoint} and every parameter the answer depends on, as
 * {@code METHOD /path name=value name=value}: values are escaped ({@code %}, space and {@code =}) so that two different
 * parameter lists never give the same key.
 */
public final class CacheKey {

    private final StringBuilder text;

    private CacheKey(Endpoint endpoint) {
        text = new StringBuilder(endpoint.key());
    }

    /** A key for an answer of {@code endpoint}; add its parameters with {@link #with}. */
    public static CacheKey of(Endpoint endpoint) {
        return new CacheKey(endpoint);
    }

    /** Adds one parameter; {@code value} as its text ({@code null} apart from any text, JSON as compact JSON). */
    public CacheKey with(String name, Object value) {
        text.append(' ');
        escape(name);
        text.append('=');
        if (value == null) {
            // no escaped text contains "%00"
            text.append("%00");
        } else {
            escape(value instanceof JsonNode json ? json.toString() : value.toString());
        }
        return this;
    }

    /** The key. */
    public String text() {
        return text.toString();
    }

    @Override
    public String toString() {
        return text();
    }

    private void escape(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '%' -> text.append("%25");
                case ' ' -> text.append("%20");
                case '=' -> text.append("%3D");
                default -> text.append(c);
            }
        }
    }
}
