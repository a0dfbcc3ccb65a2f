package dev.ctgraphql.sandbox;

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
 * CleverTap's {@code POST /1/upload}: events, profiles and device tokens, answered per record (or, with the
 * stored-then-fail fault, stored and then answered 500).
 */
@Path(SandboxGate.PREFIX)
@Produces(MediaType.APPLICATION_JSON)
public class SandboxUploadResource {

    private final SandboxGate gate;
    private final SandboxStore store;
    private final SandboxFaults faults;
    private final SandboxStats stats;

    SandboxUploadResource(SandboxGate gate, SandboxStore store, SandboxFaults faults, SandboxStats stats) {
        this.gate = gate;
        this.store = store;
        this.faults = faults;
        this.stats = stats;
    }

    @POST
    @Path(CleverTapPaths.UPLOAD)
    public Uni<Response> upload(@Context HttpServerRequest request, @QueryParam("dryRun") String dryRun, byte[] body) {
        return gate.serve(request, SandboxLimits.Kind.UPLOAD, () -> {
            Response answer = SandboxJson.ok(store.upload(SandboxJson.parseObject(body), SandboxJson.flag(dryRun, false)));
            if (faults.failAfterStoring()) {
                stats.fault();
                return SandboxFaults.storedButFailed();
            }
            return answer;
        });
    }
}
