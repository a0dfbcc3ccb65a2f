package dev.ctgraphql.graphql.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;

import io.smallrye.mutiny.Uni;

import dev.ctgraphql.upstream.ResponseCache;

/**
 * Persisted queries: the automatic protocol frontends use (the client sends {@code extensions.persistedQuery.sha256Hash}
 * alone, and the full query once when the service answers {@code PERSISTED_QUERY_NOT_FOUND}), kept in the same cache
 * tiers as CleverTap's answers (so every replica knows a query once one has seen it); and an allowlist mode in which
 * only the operations of a committed manifest run.
 */
@ApplicationScoped
class PersistedQueries {

    static final String CACHE = "persisted-queries";
    private static final Logger LOG = Logger.getLogger(PersistedQueries.class);

    /** The query text to run, or why there is none. */
    record Resolved(String query, RequestProblem problem) {
        static Resolved of(String query) {
            return new Resolved(query, null);
        }

        static Resolved refused(String code, String message) {
            return new Resolved(null, new RequestProblem(code, message));
        }
    }

    /** {@link #resolveNow}'s answer when the query must be looked up in the store first. */
    static final Resolved LATER = new Resolved(null, null);

    /** Thrown by the lookup loader so that a miss is not cached. */
    private static final class NotPersisted extends RuntimeException {
        NotPersisted() {
            super(null, null, false, false);
        }
    }

    private final ResponseCache cache;
    private final boolean automatic;
    private final Map<String, String> allowlist;

    PersistedQueries(ResponseCache cache, EndpointConfig config, ObjectMapper mapper) {
        this.cache = cache;
        this.automatic = config.persistedQueries().automatic();
        this.allowlist = config.persistedQueries().allowlist().map(source -> load(source, mapper)).orElse(null);
        if (allowlist != null) {
            LOG.infof("Only the %d operations of the persisted query allowlist may run", allowlist.size());
        }
    }

    /**
     * The query a request runs. {@code query} is the text it sent (or null), {@code extensions} its extensions (or
     * null).
     */
    Uni<Resolved> resolve(String query, JsonObject extensions) {
        Resolved now = resolveNow(query, extensions);
        if (now != LATER) {
            return Uni.createFrom().item(now);
        }
        String hash = hash(extensions);
        return cache.get(CACHE, hash, () -> Uni.createFrom().<JsonNode>failure(new NotPersisted()), JsonNode::asText)
                .map(Resolved::of)
                .onFailure(NotPersisted.class).recoverWithItem(Resolved.refused("PERSISTED_QUERY_NOT_FOUND",
                        "PersistedQueryNotFound"));
    }

    /**
     * What {@link #resolve} answers when no store has to be asked (every request that carries its query text), or
     * {@link #LATER} when only {@link #resolve} can tell: the common case costs no reactive pipeline.
     */
    Resolved resolveNow(String query, JsonObject extensions) {
        JsonValue persisted = extensions == null ? null : extensions.get("persistedQuery");
        String hash = null;
        if (persisted != null && persisted.getValueType() != JsonValue.ValueType.NULL) {
            hash = hash(extensions);
            if (hash == null) {
                return Resolved.refused("PERSISTED_QUERY_NOT_SUPPORTED",
                        "extensions.persistedQuery must be {\"version\": 1, \"sha256Hash\": \"<hex>\"}");
            }
        }
        if (allowlist != null) {
            return fromAllowlist(query, hash);
        }
        if (hash == null) {
            return query == null ? null : Resolved.of(query);
        }
        if (!automatic) {
            return Resolved.refused("PERSISTED_QUERY_NOT_SUPPORTED",
                    "Persisted queries are turned off on this service; send the query text");
        }
        if (query != null) {
            if (!sha256(query).equals(hash)) {
                return Resolved.refused("BAD_USER_INPUT",
                        "extensions.persistedQuery.sha256Hash is not the SHA-256 of the query");
            }
            String text = query;
            // registering is not waited for: this request has its text, and the local tier is written at once
            cache.get(CACHE, hash, () -> Uni.createFrom().item(TextNode.valueOf(text)), JsonNode::asText)
                    .subscribe().with(ignored -> {
                    }, failure -> LOG.debugf("a persisted query was not stored: %s", failure.getClass().getSimpleName()));
            return Resolved.of(query);
        }
        return LATER;
    }

    /** The hash of a well-formed {@code extensions.persistedQuery}, lower case; null when it is not well-formed. */
    private static String hash(JsonObject extensions) {
        JsonValue persisted = extensions.get("persistedQuery");
        if (persisted.getValueType() != JsonValue.ValueType.OBJECT
                || persisted.asJsonObject().getInt("version", 0) != 1
                || !(persisted.asJsonObject().get("sha256Hash") instanceof JsonString given)) {
            return null;
        }
        return given.getString().toLowerCase(Locale.ROOT);
    }

    private Resolved fromAllowlist(String query, String hash) {
        if (query != null) {
            String own = sha256(query);
            if (hash != null && !own.equals(hash)) {
                return Resolved.refused("BAD_USER_INPUT",
                        "extensions.persistedQuery.sha256Hash is not the SHA-256 of the query");
            }
            return allowlist.containsKey(own) ? Resolved.of(query) : notAllowed();
        }
        if (hash == null) {
            return null;
        }
        String text = allowlist.get(hash);
        return text == null ? notAllowed() : Resolved.of(text);
    }

    private static Resolved notAllowed() {
        return Resolved.refused("PERSISTED_QUERY_NOT_ALLOWED",
                "Only the operations of this service's persisted query allowlist may run");
    }

    static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /**
     * Reads a manifest: Apollo's {@code {"format":"apollo-persisted-query-manifest","operations":[{"id","body"}]}}
     * or a plain {@code {"<sha256>": "<query>"}} object. Every id must be the SHA-256 of its text, so a manifest cannot
     * smuggle in a different operation under a known hash.
     */
    private static Map<String, String> load(String source, ObjectMapper mapper) {
        JsonNode manifest;
        try (InputStream in = open(source)) {
            manifest = mapper.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("The persisted query allowlist " + source + " cannot be read", e);
        }
        Map<String, String> operations = new HashMap<>();
        if (manifest.has("operations")) {
            for (JsonNode operation : manifest.get("operations")) {
                put(operations, operation.path("id").asText(), operation.path("body").asText(), source);
            }
        } else {
            for (Iterator<Map.Entry<String, JsonNode>> it = manifest.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> entry = it.next();
                put(operations, entry.getKey(), entry.getValue().asText(), source);
            }
        }
        return Map.copyOf(operations);
    }

    private static void put(Map<String, String> operations, String id, String body, String source) {
        if (!sha256(body).equals(id.toLowerCase(Locale.ROOT))) {
            throw new IllegalStateException("The persisted query allowlist " + source + " lists id " + id
                    + ", which is not the SHA-256 of its query text");
        }
        operations.put(id.toLowerCase(Locale.ROOT), body);
    }

    private static InputStream open(String source) throws IOException {
        Path path = Path.of(source);
        if (Files.isRegularFile(path)) {
            return Files.newInputStream(path);
        }
        InputStream resource = Thread.currentThread().getContextClassLoader().getResourceAsStream(source);
        if (resource == null) {
            throw new IOException("no such file or class path resource");
        }
        return resource;
    }
}
