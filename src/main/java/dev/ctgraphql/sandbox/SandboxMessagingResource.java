package dev.ctgraphql.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.function.Function;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

import dev.ctgraphql.upstream.CleverTapCredentials;
import dev.ctgraphql.upstream.CleverTapPaths;

/**
 * CleverTap's profile-management, messaging, External Trigger and custom-list calls, and the storage side of the
 * custom list's pre-signed URL; see {@link SandboxMessaging}. {@code GET /sandbox/_messages} shows what was kept.
 */
@Path(SandboxGate.PREFIX)
@Produces(MediaType.APPLICATION_JSON)
public class SandboxMessagingResource {

    private final SandboxGate gate;
    private final SandboxMessaging messaging;
    private final CleverTapCredentials credentials;

    SandboxMessagingResource(SandboxGate gate, SandboxMessaging messaging, CleverTapCredentials credentials) {
        this.gate = gate;
        this.messaging = messaging;
        this.credentials = credentials;
    }

    @POST
    @Path(CleverTapPaths.DEMERGE_PROFILES)
    public Uni<Response> demerge(@Context HttpServerRequest request, String body) {
        return serve(request, body, messaging::demerge);
    }

    @POST
    @Path(CleverTapPaths.SUBSCRIBE)
    public Uni<Response> subscribe(@Context HttpServerRequest request, String body) {
        return serve(request, body, messaging::subscribe);
    }

    @POST
    @Path(CleverTapPaths.DISASSOCIATE)
    public Uni<Response> disassociate(@Context HttpServerRequest request, String body) {
        return serve(request, body, messaging::disassociate);
    }

    @POST
    @Path(CleverTapPaths.EXTERNAL_TRIGGER)
    public Uni<Response> trigger(@Context HttpServerRequest request, String body) {
        return serve(request, body, messaging::trigger);
    }

    @POST
    @Path(CleverTapPaths.EXTERNAL_TRIGGER_MANY)
    public Uni<Response> triggerMany(@Context HttpServerRequest request, String body) {
        if (gate.enabled() && !tokenMatches(request.getHeader("X-CleverTap-Token"))) {
            return gate.serve(request, SandboxLimits.Kind.OTHER,
                    () -> SandboxJson.fail(401, "X-CleverTap-Token is missing or invalid", 401));
        }
        return serve(request, body, messaging::triggerMany);
    }

    @POST
    @Path(CleverTapPaths.SEND)
    public Uni<Response> send(@Context HttpServerRequest request, @PathParam("channel") String channel, String body) {
        return serve(request, body, json -> messaging.send(channel, json));
    }

    @POST
    @Path(CleverTapPaths.CUSTOM_LIST_URL)
    public Uni<Response> customListUrl(@Context HttpServerRequest request) {
        String base = request.scheme() + "://" + request.authority();
        return gate.serve(request, SandboxLimits.Kind.OTHER, () -> SandboxJson.ok(messaging.customListUrl(base)));
    }

    @POST
    @Path(CleverTapPaths.CUSTOM_LIST_COMPLETED)
    public Uni<Response> customListCompleted(@Context HttpServerRequest request, String body) {
        return serve(request, body, messaging::customListCompleted);
    }

    /** The storage side of a pre-signed URL: no CleverTap headers, the URL itself is the permission. */
    @PUT
    @Path("_storage/{name}")
    public Response storage(@PathParam("name") String name, byte[] file) {
        if (!gate.enabled()) {
            return SandboxGate.notFound();
        }
        return messaging.store(name, file) ? Response.ok().build() : Response.status(403).build();
    }

    @GET
    @Path("_messages")
    public Response kept() {
        return gate.enabled() ? SandboxJson.ok(messaging.kept()) : SandboxGate.notFound();
    }

    @DELETE
    @Path("_messages")
    public Response clear() {
        if (!gate.enabled()) {
            return SandboxGate.notFound();
        }
        messaging.clear();
        return SandboxJson.ok(SandboxJson.success());
    }

    private boolean tokenMatches(String sent) {
        String expected = credentials.externalTriggerToken();
        return sent != null && !expected.isEmpty()
                && MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }

    private Uni<Response> serve(HttpServerRequest request, String body, Function<ObjectNode, ObjectNode> action) {
        return gate.serve(request, SandboxLimits.Kind.OTHER, () -> SandboxJson.ok(action.apply(SandboxJson.parseObject(body))));
    }
}
