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

/** CleverTap's campaign APIs ({@code /1/targets/create|list|result|stop.json}) and Message Reports ({@code /1/message/report.json}). */
@Path(SandboxGate.PREFIX)
@Produces(MediaType.APPLICATION_JSON)
public class SandboxCampaignResource {

    private final SandboxGate gate;
    private final SandboxCampaigns campaigns;

    SandboxCampaignResource(SandboxGate gate, SandboxCampaigns campaigns) {
        this.gate = gate;
        this.campaigns = campaigns;
    }

    @POST
    @Path(CleverTapPaths.CAMPAIGN_LIST)
    public Uni<Response> list(@Context HttpServerRequest request, String body) {
        return serve(request, body, json -> SandboxJson.ok(campaigns.list(json)));
    }

    @POST
    @Path(CleverTapPaths.CAMPAIGN_RESULT)
    public Uni<Response> result(@Context HttpServerRequest request, String body) {
        return serve(request, body, campaigns::result);
    }

    @POST
    @Path(CleverTapPaths.CAMPAIGN_STOP)
    public Uni<Response> stop(@Context HttpServerRequest request, String body) {
        return serve(request, body, json -> SandboxJson.ok(campaigns.stop(json)));
    }

    @POST
    @Path(CleverTapPaths.CAMPAIGN_CREATE)
    public Uni<Response> create(@Context HttpServerRequest request, String body) {
        return serve(request, body, json -> SandboxJson.ok(campaigns.create(json)));
    }

    @POST
    @Path(CleverTapPaths.MESSAGE_REPORT)
    public Uni<Response> report(@Context HttpServerRequest request, String body) {
        return serve(request, body, json -> SandboxJson.ok(campaigns.report(json)));
    }

    private Uni<Response> serve(HttpServerRequest request, String body, Function<ObjectNode, Response> action) {
        return gate.serve(request, SandboxLimits.Kind.OTHER, () -> action.apply(SandboxJson.parseObject(body)));
    }
}
