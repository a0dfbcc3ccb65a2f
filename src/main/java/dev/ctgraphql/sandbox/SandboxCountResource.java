package dev.ctgraphql.sandbox;

import java.util.function.Function;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

import dev.ctgraphql.upstream.CleverTapConfig;
import dev.ctgraphql.upstream.CleverTapPaths;

/**
 * CleverTap's counts ({@code /1/counts/events|profiles|trends|top.json}, asynchronous: POST the query, then GET or POST
 * the same path with {@code ?req_id=}) and real-time counts ({@code POST /1/now.json}, answered at once).
 */
@Path(SandboxGate.PREFIX)
@Produces(MediaType.APPLICATION_JSON)
public class SandboxCountResource {

    private final SandboxGate gate;
    private final SandboxStore store;
    private final SandboxCounts counts;
    private final CleverTapConfig config;

    SandboxCountResource(SandboxGate gate, SandboxStore store, SandboxCounts counts, CleverTapConfig config) {
        this.gate = gate;
        this.store = store;
        this.counts = counts;
        this.config = config;
    }

    @POST
    @Path("1/counts/{kind: events|profiles|trends|top}.json")
    public Uni<Response> submit(@Context HttpServerRequest request, @PathParam("kind") String kind,
            @QueryParam("req_id") String reqId, String body) {
        return gate.serve(request, SandboxLimits.Kind.OTHER, () -> {
            if (reqId != null) {
                return poll(kind, reqId);
            }
            ObjectNode query = SandboxJson.parseObject(body);
            SandboxQuery cql = SandboxQuery.parse(query, store.zone(), store.today(), true);
            Function<SandboxData, ObjectNode> compute = switch (kind) {
                case "events" -> data -> SandboxAnalytics.eventCount(cql, data);
                case "profiles" -> data -> SandboxAnalytics.profileCount(cql, data);
                case "trends" -> data -> SandboxAnalytics.trends(cql, query, data, store.zone());
                default -> data -> SandboxAnalytics.top(cql, query, data);
            };
            ObjectNode result = store.read(compute);
            long id = counts.submit(kind, result, config.sandbox().countPolls());
            return SandboxJson.ok(SandboxCounts.partial(id));
        });
    }

    @GET
    @Path("1/counts/{kind: events|profiles|trends|top}.json")
    public Uni<Response> poll(@Context HttpServerRequest request, @PathParam("kind") String kind,
            @QueryParam("req_id") String reqId) {
        return gate.serve(request, SandboxLimits.Kind.OTHER, () -> poll(kind, reqId));
    }

    @POST
    @Path(CleverTapPaths.NOW)
    public Uni<Response> now(@Context HttpServerRequest request, String body) {
        return gate.serve(request, SandboxLimits.Kind.OTHER, () -> {
            ObjectNode flags = SandboxJson.parseObjectOrEmpty(body);
            return SandboxJson.ok(store.read(
                    data -> SandboxAnalytics.now(flags, data, store.now(), store.seed(), config.sandbox().profiles())));
        });
    }

    private Response poll(String kind, String reqId) {
        if (reqId == null || reqId.isBlank()) {
            throw SandboxException.badRequest("Missing mandatory parameter: req_id");
        }
        long id;
        try {
            id = Long.parseLong(reqId.trim());
        } catch (NumberFormatException e) {
            throw SandboxException.badRequest("Invalid req_id");
        }
        return SandboxJson.ok(counts.poll(kind, id));
    }
}
