package dev.ctgraphql.sandbox;

import java.util.function.Function;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

import dev.ctgraphql.upstream.CleverTapPaths;

/** CleverTap's API segments ({@code /api/createSegment}, {@code /api/updateSegment}), see {@link SandboxSegments}. */
@Path(SandboxGate.PREFIX)
@Produces(MediaType.APPLICATION_JSON)
public class SandboxSegmentResource {

    private final SandboxGate gate;
    private final SandboxSegments segments;

    SandboxSegmentResource(SandboxGate gate, SandboxSegments segments) {
        this.gate = gate;
        this.segments = segments;
    }

    @POST
    @Path(CleverTapPaths.SEGMENT_CREATE)
    public Uni<Response> create(@Context HttpServerRequest request, String body) {
        return serve(request, body, json -> SandboxJson.ok(segments.create(json)));
    }

    @POST
    @Path(CleverTapPaths.SEGMENT_UPDATE)
    public Uni<Response> update(@Context HttpServerRequest request, String body) {
        return serve(request, body, json -> SandboxJson.ok(segments.update(json)));
    }

    private Uni<Response> serve(HttpServerRequest request, String body, Function<ObjectNode, Response> action) {
        return gate.serve(request, SandboxLimits.Kind.OTHER, () -> action.apply(SandboxJson.parseObject(body)));
    }
}
