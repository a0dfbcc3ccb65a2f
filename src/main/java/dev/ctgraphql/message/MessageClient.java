package dev.ctgraphql.message;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import dev.ctgraphql.upstream.CleverTapBadInputException;
import dev.ctgraphql.upstream.CleverTapCalls;
import dev.ctgraphql.upstream.CleverTapConfig;
import dev.ctgraphql.upstream.CleverTapCredentials;
import dev.ctgraphql.upstream.CleverTapPaths;
import dev.ctgraphql.upstream.CleverTapRestClients;
import dev.ctgraphql.upstream.CleverTapUnavailableException;
import dev.ctgraphql.upstream.CleverTapUpstreamException;
import dev.ctgraphql.upstream.Endpoint;
import dev.ctgraphql.upstream.LimitClass;

/**
 * Sends messages to named users, External Triggers (v1; v2 with {@code X-CleverTap-Token}) and custom lists. None of
 * these is retried when the answer is lost (a retry could send a message twice), and nothing is cached. Answers are
 * not verified beyond their status: a message is read from {@code message} when present.
 *
 * <p>
 * A custom list takes three steps (reference §7): ask CleverTap for a pre-signed URL (read from {@code url}, or
 * {@code presignedUrl}/{@code upload_url}: the answer's shape is not verified), PUT the CSV ({@code Type,Identity};
 * {@code i} for identities, {@code g} for CleverTap ids) to it without any CleverTap header, then tell CleverTap the
 * upload is complete. The URL must be https, or on the origin this service reaches CleverTap at (the sandbox, a test
 * stand-in): a URL elsewhere is refused rather than sent the list.
 */
@ApplicationScoped
public class MessageClient {

    private static final Logger LOG = Logger.getLogger(MessageClient.class);

    static final Endpoint SEND = new Endpoint("message send", "POST", CleverTapPaths.SEND, LimitClass.OTHER, false);
    static final Endpoint TRIGGER = new Endpoint("external trigger", "POST", CleverTapPaths.EXTERNAL_TRIGGER,
            LimitClass.OTHER, false);
    static final Endpoint TRIGGER_MANY = new Endpoint("external trigger", "POST", CleverTapPaths.EXTERNAL_TRIGGER_MANY,
            LimitClass.OTHER, false);
    static final Endpoint LIST_URL = Endpoint.read("custom list upload URL", "POST", CleverTapPaths.CUSTOM_LIST_URL);
    static final Endpoint LIST_DONE = new Endpoint("custom list completion", "POST", CleverTapPaths.CUSTOM_LIST_COMPLETED,
            LimitClass.OTHER, false);

    private final CleverTapRestClients clients;
    private final CleverTapCalls calls;
    private final CleverTapCredentials credentials;
    private final CleverTapConfig config;
    private final HttpClient storage;

    MessageClient(CleverTapRestClients clients, CleverTapCalls calls, CleverTapCredentials credentials,
            CleverTapConfig config) {
        this.clients = clients;
        this.calls = calls;
        this.credentials = credentials;
        this.config = config;
        this.storage = HttpClient.newBuilder().connectTimeout(config.timeouts().connect())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    Uni<String> send(String channel, ObjectNode body) {
        return calls.call(SEND, () -> rest().send(channel, body)).map(answer -> answer.path("message").asText(null));
    }

    /** One send with v1; several in one v2 call ({@code {"d":[...]}}: the v2 body's shape is not verified). */
    Uni<String> trigger(List<ObjectNode> sends) {
        if (sends.size() == 1) {
            return calls.call(TRIGGER, () -> rest().trigger(sends.get(0))).map(answer -> answer.path("message").asText(null));
        }
        String token = credentials.externalTriggerToken();
        CleverTapBadInputException.check(!token.isEmpty(), "input.sends",
                "several sends go through External Trigger v2, which needs the account's token "
                        + "(CLEVERTAP_EXTERNAL_TRIGGER_TOKEN); none is configured");
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ArrayNode array = body.putArray("d");
        sends.forEach(array::add);
        return calls.call(TRIGGER_MANY, () -> rest().triggerMany(token, body))
                .map(answer -> answer.path("message").asText(null));
    }

    /** The three steps; the CSV rows are built by the caller ({@code i,<identity>} / {@code g,<objectId>}). */
    Uni<String> customList(String name, String email, boolean replace, List<String> rows) {
        StringBuilder csv = new StringBuilder("Type,Identity\n");
        rows.forEach(row -> csv.append(row).append('\n'));
        byte[] file = csv.toString().getBytes(StandardCharsets.UTF_8);
        return calls.call(LIST_URL, () -> rest().customListUrl()).chain(answer -> {
            URI url = uploadUrl(answer);
            return put(url, file).replaceWith(url);
        }).chain(url -> {
            ObjectNode done = JsonNodeFactory.instance.objectNode().put("name", name).put("creator", email)
                    .put("filename", name + ".csv").put("email", email).put("url", url.toString()).put("replace", replace);
            return calls.call(LIST_DONE, () -> rest().customListCompleted(done));
        }).map(answer -> answer.path("message").asText(null));
    }

    private URI uploadUrl(JsonNode answer) {
        String text = answer.hasNonNull("url")
                ? answer.get("url").asText()
                : answer.hasNonNull("presignedUrl")
                        ? answer.get("presignedUrl").asText()
                        : answer.path("upload_url").asText("");
        URI url;
        try {
            url = URI.create(text);
        } catch (IllegalArgumentException e) {
            url = null;
        }
        URI base = clients.baseUri();
        boolean https = url != null && "https".equals(url.getScheme()) && url.getHost() != null;
        boolean sameOrigin = url != null && url.getScheme() != null
                && url.getScheme().toLowerCase(Locale.ROOT).equals(base.getScheme())
                && base.getHost().equals(url.getHost()) && base.getPort() == url.getPort();
        if (!https && !sameOrigin) {
            LOG.warn("CleverTap's custom list upload URL is neither https nor on CleverTap's origin; not uploading");
            throw new CleverTapUpstreamException("CleverTap answered no usable upload URL for the custom list");
        }
        return url;
    }

    private Uni<Void> put(URI url, byte[] file) {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(config.timeouts().read())
                .header("Content-Type", "text/csv").PUT(HttpRequest.BodyPublishers.ofByteArray(file)).build();
        Context caller = Vertx.currentContext();
        Uni<HttpResponse<Void>> sent = Uni.createFrom()
                .completionStage(() -> storage.sendAsync(request, HttpResponse.BodyHandlers.discarding()));
        if (caller != null) {
            // the JDK client completes on its own threads: resume on the request's context for the completion call
            sent = sent.emitOn(task -> caller.runOnContext(ignored -> task.run()));
        }
        return sent
                .onFailure().transform(failure -> new CleverTapUnavailableException(
                        "The custom list file could not be uploaded to CleverTap's storage"))
                .invoke(response -> {
                    if (response.statusCode() / 100 != 2) {
                        throw new CleverTapUpstreamException("CleverTap's storage refused the custom list file (HTTP "
                                + response.statusCode() + ")");
                    }
                }).replaceWithVoid();
    }

    private MessageRestClient rest() {
        return clients.get(MessageRestClient.class);
    }
}
