package dev.ctgraphql.sandbox;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.smallrye.common.annotation.NonBlocking;
import io.vertx.core.http.HttpServerRequest;

/** The sandbox's own endpoints ({@code /sandbox/_stats}) and the 404 answer for paths CleverTap does not have. */
@Path(SandboxGate.PREFIX)
@Produces(MediaType.APPLICATION_JSON)
@NonBlocking
public class SandboxAdminResource {

    private final SandboxGate gate;
    private final SandboxStats stats;

    SandboxAdminResource(SandboxGate gate, SandboxStats stats) {
        this.gate = gate;
        this.stats = stats;
    }

    @GET
    @Path("_stats")
    public Response stats() {
        if (!gate.enabled()) {
            return SandboxGate.notFound();
        }
        return SandboxJson.ok(SandboxStats.toJson(stats.snapshot()));
    }

    @DELETE
    @Path("_stats")
    public Response resetStats() {
        if (!gate.enabled()) {
            return SandboxGate.notFound();
        }
        stats.reset();
        return SandboxJson.ok(SandboxJson.success());
    }

    @GET
    @Path("{path: .*}")
    public Response unknownGet(@Context HttpServerRequest request) {
        return gate.unknown(request);
    }

    @POST
    @Path("{path: .*}")
    public Response unknownPost(@Context HttpServerRequest request) {
        return gate.unknown(request);
    }

    @PUT
    @Path("{path: .*}")
    public Response unknownPut(@Context HttpServerRequest request) {
        return gate.unknown(request);
    }

    @DELETE
    @Path("{path: .*}")
    public Response unknownDelete(@Context HttpServerRequest request) {
        return gate.unknown(request);
    }

    @PATCH
    @Path("{path: .*}")
    public Response unknownPatch(@Context HttpServerRequest request) {
        return gate.unknown(request);
    }

    @HEAD
    @Path("{path: .*}")
    public Response unknownHead(@Context HttpServerRequest request) {
        return gate.unknown(request);
    }
}
