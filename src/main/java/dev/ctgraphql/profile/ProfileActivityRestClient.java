package dev.ctgraphql.profile;

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
 * CleverTap's event export, as the profile activity timeline reads it: one user's events of one name. Built by
 * {@code CleverTapRestClients}; answers are read as text so that both the HTTP status and the body's status are checked.
 */
@Produces(MediaType.APPLICATION_JSON)
interface ProfileActivityRestClient {

    /** Opens an export cursor; profile fields (each record's identity) but no app fields and no event summary. */
    @POST
    @Path(CleverTapPaths.EVENTS)
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<RestResponse<String>> openCursor(@QueryParam("batch_size") int batchSize, @QueryParam("app") boolean app,
            @QueryParam("events") boolean events, @QueryParam("profile") boolean profile, JsonNode query);

    /** One page; the cursor is in {@code CursorPager.wireForm}: unreserved characters and %XX escapes only. */
    @GET
    @Path(CleverTapPaths.EVENTS)
    Uni<RestResponse<String>> page(@Encoded @QueryParam("cursor") String cursor);
}
