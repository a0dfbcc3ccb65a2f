package dev.ctgraphql.ingest;

import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import dev.ctgraphql.event.EventClient;
import dev.ctgraphql.profile.ProfileClient;
import dev.ctgraphql.security.IngestAccess;
import dev.ctgraphql.upstream.UploadReader;
import dev.ctgraphql.upstream.UploadStream;

/**
 * {@code POST /ingest/events}, {@code /ingest/profiles} and {@code /ingest/device-tokens}: any number of records as
 * NDJSON (one {@code EventInput}, {@code ProfileInput} or {@code DeviceTokenInput} per line, optionally gzip), sent to
 * CleverTap as they are read, with the body read only as fast as CleverTap takes the chunks (see {@link IngestRequest}).
 * Same callers as the upload mutations (role editor). The answer, HTTP 200 {@code application/x-ndjson}: a line per
 * record not stored and a summary line. Requests that cannot be served are refused before the body is read: 401/403,
 * 415 for another content type or encoding.
 */
@ApplicationScoped
public class IngestEndpoint {

    static final String NDJSON = "application/x-ndjson";
    /**
     * After Quarkus' authentication and authorization (orders -200 and -100), before its request size limit (order -2,
     * {@code quarkus.http.limits.max-body-size}, which refuses a Content-Length over it): an ingest body has no cap.
     */
    private static final int ROUTE_ORDER = -3;

    private final IngestAccess access;
    private final EventClient events;
    private final ProfileClient profiles;

    IngestEndpoint(IngestAccess access, EventClient events, ProfileClient profiles) {
        this.access = access;
        this.events = events;
        this.profiles = profiles;
    }

    void install(@Observes Router router) {
        route(router, "/ingest/events", "events", events::reader, events::stream);
        route(router, "/ingest/profiles", "profiles", profiles::profileReader, profiles::profileStream);
        route(router, "/ingest/device-tokens", "tokens", profiles::tokenReader, profiles::tokenStream);
    }

    private void route(Router router, String path, String field, Supplier<UploadReader> reader,
            Function<UploadStream.Listener, UploadStream> stream) {
        router.post(path).order(ROUTE_ORDER).handler(ctx -> {
            if (!access.admit(ctx)) {
                return;
            }
            String problem = unsupported(ctx);
            if (problem != null) {
                ctx.response().setStatusCode(415).putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
                        .end("{\"code\":\"UNSUPPORTED_MEDIA_TYPE\",\"message\":\"" + problem + "\"}");
                return;
            }
            new IngestRequest(ctx, field, reader.get(), stream).start();
        });
    }

    /** Why the body cannot be read, or null: it must be NDJSON in UTF-8, plain or gzip. */
    private static String unsupported(RoutingContext ctx) {
        String type = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
        String[] parts = type == null ? new String[]{""} : type.split(";");
        String mime = parts[0].trim().toLowerCase(Locale.ROOT);
        if (!mime.equals(NDJSON)) {
            return "Send the records as Content-Type: " + NDJSON + " (one JSON object per line)";
        }
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].trim().toLowerCase(Locale.ROOT).replace("\"", "");
            if (parameter.startsWith("charset=") && !parameter.equals("charset=utf-8")) {
                return "Only UTF-8 bodies are accepted";
            }
        }
        String encoding = ctx.request().getHeader(HttpHeaders.CONTENT_ENCODING);
        if (encoding != null && !encoding.equalsIgnoreCase("gzip") && !encoding.equalsIgnoreCase("identity")) {
            return "Only Content-Encoding gzip (or none) is accepted";
        }
        return null;
    }
}
