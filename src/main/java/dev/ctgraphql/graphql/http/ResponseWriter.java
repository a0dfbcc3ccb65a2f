package dev.ctgraphql.graphql.http;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import org.jboss.logging.Logger;

import io.smallrye.graphql.execution.ExecutionResponse;
import io.smallrye.graphql.execution.ExecutionResponseWriter;
import io.vertx.ext.web.RoutingContext;

import dev.ctgraphql.graphql.JsonValues;
import dev.ctgraphql.upstream.ResponseNotes;

import graphql.ExecutionResult;

/**
 * Writes SmallRye's answer as the GraphQL-over-HTTP specification asks: a request that never executed (no
 * {@code data}: a validation or variable coercion failure) is a 400 for {@code application/graphql-response+json}
 * callers; its errors get {@code extensions.code BAD_USER_INPUT}; what the request's {@link ResponseNotes} hold goes
 * into {@code extensions.warnings}. A failure SmallRye could not turn into a response becomes a bare 500, described
 * without any exception detail.
 */
final class ResponseWriter implements ExecutionResponseWriter {

    private static final Logger LOG = Logger.getLogger(ResponseWriter.class);

    private final RoutingContext ctx;
    private final String media;
    private final ResponseNotes notes;
    private final AnswerMemo memo;
    private final AnswerMemo.Slot keep;

    /** {@code keep}: where to remember the answer if it turns out reusable (null: never). */
    ResponseWriter(RoutingContext ctx, String media, AnswerMemo memo, AnswerMemo.Slot keep) {
        this.ctx = ctx;
        this.media = media;
        this.notes = ResponseNotes.current().orElse(null);
        this.memo = memo;
        this.keep = keep;
    }

    @Override
    public void write(ExecutionResponse response) {
        ExecutionResult result = response.getExecutionResult();
        byte[] plain = result.getErrors().isEmpty() && result.getExtensions() == null
                && (notes == null || notes.stale().isEmpty()) ? AnswerJson.write(result.getData()) : null;
        if (plain != null) {
            send(plain, 200, media + "; charset=utf-8", true);
            return;
        }
        boolean executed = result.isDataPresent();
        JsonObject body = response.getExecutionResultAsJsonObject();
        List<ResponseNotes.Stale> stale = notes == null ? List.of() : notes.stale();
        if (!executed || !stale.isEmpty() || body.containsKey("errors")) {
            body = amend(body, executed, stale);
        }
        int status = !executed && media.equals(MediaTypes.GRAPHQL_RESPONSE) ? 400 : 200;
        String contentType = media + "; charset=utf-8";
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        send(bytes, status, contentType, executed && !body.containsKey("errors") && stale.isEmpty());
    }

    /** Sends the answer, and keeps it for reuse when it is {@code clean} (executed, no errors, nothing stale). */
    private void send(byte[] bytes, int status, String contentType, boolean clean) {
        if (keep != null && clean && notes != null) {
            long until = notes.reusableUntil();
            if (until != 0) {
                memo.keep(keep, bytes, contentType, until);
            }
        }
        HttpCaching.send(ctx, status, contentType, bytes, clean && notes != null ? notes.cacheableUntil() : 0);
    }

    @Override
    public void fail(Throwable failure) {
        LOG.errorf("A GraphQL request failed outside its resolvers (%s)", failure.getClass().getSimpleName());
        GraphQLEndpoint.refuse(ctx, 500, media, new RequestProblem("INTERNAL_ERROR", "The request failed"));
    }

    private static JsonObject amend(JsonObject body, boolean executed, List<ResponseNotes.Stale> stale) {
        JsonObjectBuilder amended = JsonValues.JSON.createObjectBuilder(body);
        if (body.get("errors") instanceof JsonArray errors) {
            JsonArrayBuilder cleaned = JsonValues.JSON.createArrayBuilder();
            for (JsonValue error : errors) {
                cleaned.add(clean(error.asJsonObject(), executed));
            }
            amended.add("errors", cleaned);
        }
        if (!stale.isEmpty()) {
            JsonArrayBuilder warnings = JsonValues.JSON.createArrayBuilder();
            for (ResponseNotes.Stale entry : stale) {
                warnings.add(JsonValues.JSON.createObjectBuilder()
                        .add("code", "STALE_DATA")
                        .add("message", "CleverTap could not answer (" + entry.reason() + "); served " + entry.cache()
                                + " data cached " + entry.age().toSeconds() + " s ago")
                        .add("cache", entry.cache())
                        .add("ageSeconds", entry.age().toSeconds()));
            }
            JsonObjectBuilder extensions = body.get("extensions") instanceof JsonObject existing
                    ? JsonValues.JSON.createObjectBuilder(existing)
                    : JsonValues.JSON.createObjectBuilder();
            amended.add("extensions", extensions.add("warnings", warnings));
        }
        return amended.build();
    }

    /**
     * An error as the caller should see it: request errors get {@code BAD_USER_INPUT}; SmallRye's message for an
     * argument it could not convert (which names a Java type) is replaced by one naming the argument.
     */
    private static JsonObject clean(JsonObject error, boolean executed) {
        JsonObject extensions = error.get("extensions") instanceof JsonObject e ? e : JsonValue.EMPTY_JSON_OBJECT;
        Matcher unreadable = UNREADABLE_ARGUMENT.matcher(error.getString("message", ""));
        boolean rewrite = unreadable.find();
        if (!rewrite && (executed || extensions.containsKey("code"))) {
            return error;
        }
        JsonObjectBuilder cleaned = JsonValues.JSON.createObjectBuilder(error);
        if (rewrite) {
            cleaned.add("message", "Argument '" + unreadable.group(1) + "' has a value that cannot be read: check its "
                    + "dates (yyyy-MM-dd), times (ISO 8601), enum values and required fields");
        }
        if (!extensions.containsKey("code")) {
            cleaned.add("extensions", JsonValues.JSON.createObjectBuilder(extensions).add("code", "BAD_USER_INPUT"));
        }
        return cleaned.build();
    }

    private static final Pattern UNREADABLE_ARGUMENT = Pattern.compile("^argument '([^']+)' with value .* is not a valid",
            Pattern.DOTALL);
}
