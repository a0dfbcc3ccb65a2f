package dev.ctgraphql.event;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Encoded;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;

import dev.ctgraphql.upstream.CleverTapPaths;

/**
 * CleverTap's event export and upload APIs. Built by {@code CleverTapRestClients}; answers are read as text so that both the HTTP
 * status and the body's status can be checked.
 */
@Produces(MediaType.APPLICATION_JSON)
interface EventRestClient {

    /** Opens an export cursor over the query's events. */
    @POST
    @Path(CleverTapPaths.EVENTS)
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<RestResponse<String>> openCursor(@QueryParam("batch_size") int batchSize, @QueryParam("app") boolean app,
            @QueryParam("events") boolean events, @QueryParam("profile") boolean profile, JsonNode query);

    /** One page; the cursor is in {@code CursorPager.wireForm}: unreserved characters and %XX escapes only. */
    @GET
    @Path(CleverTapPaths.EVENTS)
    Uni<RestResponse<String>> page(@Encoded @QueryParam("cursor") String cursor);

    /** Body {@code {"d":[...]}}, at most 1000 records; dryRun=1 validates without storing (seen in client code, not in the docs). */
    @POST
    @Path(CleverTapPaths.UPLOAD)
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<RestResponse<String>> upload(@QueryParam("dryRun") int dryRun, byte[] body);
}
