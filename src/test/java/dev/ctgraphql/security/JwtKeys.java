package dev.ctgraphql.security;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.jwt.build.Jwt;

/**
 * The identity provider of the security tests: an RSA key pair whose public half the service is configured to verify
 * tokens with, and a second pair the service does not know.
 */
public class JwtKeys implements QuarkusTestResourceLifecycleManager {

    static final String ISSUER = "https://idp.example.test";
    static final String AUDIENCE = "clevertap-graphql";

    private static final KeyPair TRUSTED = generate();
    private static final KeyPair UNKNOWN = generate();

    /**
     * The public key is given as content ({@code mp.jwt.verify.publickey}): in dev and test mode smallrye-jwt configures
     * an in-memory key as content, which would win over a {@code publickey.location}. Production uses the location.
     */
    @Override
    public Map<String, String> start() {
        return Map.of(
                "mp.jwt.verify.publickey", Base64.getEncoder().encodeToString(TRUSTED.getPublic().getEncoded()),
                "mp.jwt.verify.issuer", ISSUER,
                "mp.jwt.verify.audiences", AUDIENCE);
    }

    @Override
    public void stop() {
        // nothing to release: the keys live in memory
    }

    /** A token the service accepts, with the given groups (roles). */
    static String token(Set<String> groups) {
        return sign(ISSUER, AUDIENCE, groups, Instant.now().plusSeconds(300), TRUSTED.getPrivate());
    }

    /** A token the service accepts now, that expires {@code seconds} from now. */
    static String expiringIn(long seconds, Set<String> groups) {
        return sign(ISSUER, AUDIENCE, groups, Instant.now().plusSeconds(seconds), TRUSTED.getPrivate());
    }

    static String expired(Set<String> groups) {
        return sign(ISSUER, AUDIENCE, groups, Instant.now().minusSeconds(3600), TRUSTED.getPrivate());
    }

    static String signedByUnknownKey(Set<String> groups) {
        return sign(ISSUER, AUDIENCE, groups, Instant.now().plusSeconds(300), UNKNOWN.getPrivate());
    }

    static String forAudience(String audience, Set<String> groups) {
        return sign(ISSUER, audience, groups, Instant.now().plusSeconds(300), TRUSTED.getPrivate());
    }

    static String fromIssuer(String issuer, Set<String> groups) {
        return sign(issuer, AUDIENCE, groups, Instant.now().plusSeconds(300), TRUSTED.getPrivate());
    }

    private static String sign(String issuer, String audience, Set<String> groups, Instant expiry, PrivateKey key) {
        return Jwt.issuer(issuer).audience(audience).subject("frontend-user").groups(groups)
                .issuedAt(expiry.minusSeconds(600)).expiresAt(expiry).sign(key);
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
