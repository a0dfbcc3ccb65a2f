package dev.ctgraphql.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One configured API key: its name (the caller's principal), its roles and the SHA-256 of the key.
 *
 * @param name who holds the key, e.g. {@code ci}
 * @param roles the roles the key grants, each one of {@link Roles}
 * @param sha256 the SHA-256 digest of the key's UTF-8 bytes
 */
record ApiKey(String name, Set<String> roles, byte[] sha256) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final Pattern HASH = Pattern.compile("[0-9a-fA-F]{64}");

    /**
     * Parses {@code name:role|role:sha256hex}; a bad entry fails with a message naming its position and name, never
     * repeating its hash.
     */
    static ApiKey parse(String entry, int position) {
        String[] parts = entry.trim().split(":", -1);
        String where = "clevertap-graphql.auth.api-keys entry " + position;
        if (parts.length != 3) {
            throw new IllegalArgumentException(where + " must look like name:role|role:sha256hex");
        }
        String name = parts[0];
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(where + ": the name must be 1-64 letters, digits, '_', '.' or '-'");
        }
        Set<String> roles = new LinkedHashSet<>();
        for (String role : parts[1].split("\\|", -1)) {
            if (!Roles.ALL.contains(role)) {
                throw new IllegalArgumentException(where + " ('" + name + "'): unknown role '" + role
                        + "'; roles are " + String.join(", ", Roles.ALL.stream().sorted().toList()));
            }
            roles.add(role);
        }
        if (!HASH.matcher(parts[2]).matches()) {
            throw new IllegalArgumentException(where + " ('" + name
                    + "'): the key must be given as its SHA-256 in 64 hex digits, e.g. printf %s \"$key\" | sha256sum");
        }
        return new ApiKey(name, Set.copyOf(roles), HexFormat.of().parseHex(parts[2]));
    }

    /** The SHA-256 of a presented key. */
    static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Constant-time comparison, so response times do not tell how much of a guessed key was right. */
    boolean matches(byte[] presentedSha256) {
        return MessageDigest.isEqual(sha256, presentedSha256);
    }

    @Override
    public String toString() {
        return "ApiKey[name=" + name + ", roles=" + roles + "]";
    }
}
