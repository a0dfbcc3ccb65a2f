package dev.ctgraphql.sandbox;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

import dev.ctgraphql.upstream.CleverTapPaths;

/**
 * CleverTap's Get Events ({@code /1/events.json}) and Get Profiles ({@code /1/profiles.json}): POST a CQL query to
 * open a cursor, then GET (or POST) with {@code ?cursor=} page by page. The legacy {@code GET ?query=<json>} form opens
 * a cursor too.
 */
@Path(SandboxGate.PREFIX)
@Produces(MediaType.APPLICATION_JSON)
public class SandboxExportResource {

    private final SandboxGate gate;
    private final SandboxExports exports;

    SandboxExportResource(SandboxGate gate, SandboxExports exports) {
        this.gate = gate;
        this.exports = exports;
    }

    @POST
    @Path(CleverTapPaths.EVENTS)
    public Uni<Response> postEvents(@Context HttpServerRequest request, @QueryParam("batch_size") String batchSize,
            @QueryParam("app") String app, @QueryParam("events") String events, @QueryParam("profile") String profile,
            String body) {
        return post(SandboxExports.EVENTS, request, batchSize, flags(app, events, profile), body);
    }

    @GET
    @Path(CleverTapPaths.EVENTS)
    public Uni<Response> getEvents(@Context HttpServerRequest request, @QueryParam("batch_size") String batchSize,
            @QueryParam("app") String app, @QueryParam("events") String events, @QueryParam("profile") String profile) {
        return get(SandboxExports.EVENTS, request, batchSize, flags(app, events, profile));
    }

    @POST
    @Path(CleverTapPaths.PROFILES)
    public Uni<Response> postProfiles(@Context HttpServerRequest request, @QueryParam("batch_size") String batchSize,
            @QueryParam("app") String app, @QueryParam("events") String events, @QueryParam("profile") String profile,
            String body) {
        return post(SandboxExports.PROFILES, request, batchSize, flags(app, events, profile), body);
    }

    @GET
    @Path(CleverTapPaths.PROFILES)
    public Uni<Response> getProfiles(@Context HttpServerRequest request, @QueryParam("batch_size") String batchSize,
            @QueryParam("app") String app, @QueryParam("events") String events, @QueryParam("profile") String profile) {
        return get(SandboxExports.PROFILES, request, batchSize, flags(app, events, profile));
    }

    private Uni<Response> post(String kind, HttpServerRequest request, String batchSize, SandboxRecords.Flags flags,
            String body) {
        String cursor = SandboxExports.rawParam(request.query(), "cursor");
        return gate.serve(request, SandboxLimits.Kind.OTHER, () -> cursor != null
                ? exports.page(kind, cursor)
                : exports.open(kind, SandboxJson.parseObject(body), batchSize, flags));
    }

    private Uni<Response> get(String kind, HttpServerRequest request, String batchSize, SandboxRecords.Flags flags) {
        String cursor = SandboxExports.rawParam(request.query(), "cursor");
        String query = SandboxExports.rawParam(request.query(), "query");
        return gate.serve(request, SandboxLimits.Kind.OTHER, () -> {
            if (cursor == null && query != null) {
                String json;
                try {
                    json = URLDecoder.decode(query, StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    throw SandboxException.badRequest("Malformed query parameter");
                }
                return exports.open(kind, SandboxJson.parseObject(json), batchSize, flags);
            }
            return exports.page(kind, cursor);
        });
    }

    private static SandboxRecords.Flags flags(String app, String events, String profile) {
        return new SandboxRecords.Flags(SandboxJson.flag(app, false), SandboxJson.flag(events, true),
                SandboxJson.flag(profile, true));
    }
}
