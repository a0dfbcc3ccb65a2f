package dev.ctgraphql.graphql;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Global ids of {@link Node} types: {@code base64url("<Type>:<key>")}. A campaign's global id is its CleverTap id
 * itself (all digits, which no encoded id is), so {@code Campaign.id} keeps its meaning for existing clients.
 */
public final class GlobalIds {

    /** A decoded global id: the type's name and the key within the type. */
    public record Decoded(String type, String key) {
    }

    private GlobalIds() {
    }

    public static String encode(String type, String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((type + ":" + key).getBytes(StandardCharsets.UTF_8));
    }

    /** The type and key of {@code id}; a run of digits decodes as a Campaign; null for what this service never made. */
    public static Decoded decode(String id) {
        if (id == null || id.isEmpty() || id.length() > 4096) {
            return null;
        }
        if (id.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return id.length() <= 18 ? new Decoded("Campaign", id) : null;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(id), StandardCharsets.UTF_8);
            int colon = text.indexOf(':');
            return colon > 0 ? new Decoded(text.substring(0, colon), text.substring(colon + 1)) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
