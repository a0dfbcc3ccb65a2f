package dev.ctgraphql.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Production-like access: no anonymous roles, one API key per role plus one with every role (configured by hash only),
 * and JWT verification against {@link JwtKeys}.
 */
public class AuthProfile implements QuarkusTestProfile {

    public static final String VIEWER_KEY = "viewer-key-7c1d0f";
    public static final String EDITOR_KEY = "editor-key-52aa91";
    static final String ADMIN_KEY = "admin-key-e03b77";
    static final String ALL_KEY = "all-roles-key-9d4e21";
    /** A key that was handed out once and has since been removed from the configuration. */
    static final String REMOVED_KEY = "removed-key-1f8c3a";

    @Override
    public Map<String, String> getConfigOverrides() {
        String keys = String.join(",",
                "dashboard:viewer:" + sha256(VIEWER_KEY),
                "importer:editor:" + sha256(EDITOR_KEY),
                "ops:admin:" + sha256(ADMIN_KEY),
                "ci:viewer|editor|admin:" + sha256(ALL_KEY));
        return Map.of(
                "clevertap-graphql.auth.api-keys", keys,
                "clevertap-graphql.auth.anonymous-roles", "",
                "%test.clevertap-graphql.auth.anonymous-roles", "",
                "clevertap-graphql.auth.protect-metrics", "true");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(JwtKeys.class));
    }

    static String sha256(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
