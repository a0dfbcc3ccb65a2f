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

/** The sandbox's own endpoints ({@code /sandbox/_stats}, {@code /sandbox/_faults}) and the 404 answer for paths CleverTap does not have. */
@Path(SandboxGate.PREFIX)
@Produces(MediaType.APPLICATION_JSON)
@NonBlocking
public class SandboxAdminResource {

    private final SandboxGate gate;
    private final SandboxStats stats;
    private final SandboxFaults faults;

    SandboxAdminResource(SandboxGate gate, SandboxStats stats, SandboxFaults faults) {
        this.gate = gate;
        this.stats = stats;
        this.faults = faults;
    }

    /**
     * Changes the injected faults at run time, e.g. to try a packaged service against a failing CleverTap:
     * {@code {"faultRate":0.2,"latencyMillis":50,"failNext":2,"failStatus":503,"storedThenFailRate":0.3}} (any key may
     * be left out; failNext answers that many next requests with failStatus, 429, 500 or 503; storedThenFailRate is the
     * fraction of uploads that are stored and then answered HTTP 500).
     */
    @PUT
    @Path("_faults")
    public Response setFaults(String body) {
        if (!gate.enabled()) {
            return SandboxGate.notFound();
        }
        try {
            var settings = SandboxJson.parseObject(body);
            if (settings.has("faultRate")) {
                faults.setFaultRate(settings.get("faultRate").asDouble());
            }
            if (settings.has("latencyMillis")) {
                faults.setLatency(java.time.Duration.ofMillis(settings.get("latencyMillis").asLong()));
            }
            if (settings.has("storedThenFailRate")) {
                faults.setStoredThenFailRate(settings.get("storedThenFailRate").asDouble());
            }
            if (settings.has("failNext")) {
                faults.failNext(settings.get("failNext").asInt(), settings.path("failStatus").asInt(503));
            }
        } catch (IllegalArgumentException | SandboxException e) {
            return Response.status(400).entity(SandboxJson.object().put("status", "fail").put("error", e.getMessage())
                    .put("code", 400)).build();
        }
        return SandboxJson.ok(SandboxJson.success());
    }

    /** Back to the configured latency and fault rate. */
    @DELETE
    @Path("_faults")
    public Response resetFaults() {
        if (!gate.enabled()) {
            return SandboxGate.notFound();
        }
        faults.reset();
        return SandboxJson.ok(SandboxJson.success());
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
