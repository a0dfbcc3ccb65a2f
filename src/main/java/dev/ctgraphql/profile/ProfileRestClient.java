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
 * CleverTap's profile APIs: reads, uploads of profiles and device tokens, deletion. Built by {@code CleverTapRestClients}; answers are read as text so that both the HTTP
 * status and the body's status can be checked.
 */
@Produces(MediaType.APPLICATION_JSON)
interface ProfileRestClient {

    /** Exactly one of the three identifiers; the others are null and left out of the URL. */
    @GET
    @Path(CleverTapPaths.PROFILE)
    Uni<RestResponse<String>> profile(@QueryParam("identity") String identity, @QueryParam("email") String email,
            @QueryParam("objectId") String objectId);

    /** Opens an export cursor over the profiles that did the query's event. */
    @POST
    @Path(CleverTapPaths.PROFILES)
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<RestResponse<String>> openCursor(@QueryParam("batch_size") int batchSize, @QueryParam("app") boolean app,
            @QueryParam("events") boolean events, @QueryParam("profile") boolean profile, JsonNode query);

    /** One page; the cursor is in {@code CursorPager.wireForm}: unreserved characters and %XX escapes only. */
    @GET
    @Path(CleverTapPaths.PROFILES)
    Uni<RestResponse<String>> page(@Encoded @QueryParam("cursor") String cursor);

    /** Body {@code {"d":[...]}}: profiles (at most 1000) or device tokens (at most 100). */
    @POST
    @Path(CleverTapPaths.UPLOAD)
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<RestResponse<String>> upload(@QueryParam("dryRun") int dryRun, byte[] body);

    /** Body {@code {"identity":[...]}} or {@code {"guid":[...]}}, never both, at most 100 values. */
    @POST
    @Path(CleverTapPaths.DELETE_PROFILES)
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<RestResponse<String>> delete(JsonNode body);

    /** Body {@code {"identities":[...]}}, at most 100. */
    @POST
    @Path(CleverTapPaths.DEMERGE_PROFILES)
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<RestResponse<String>> demerge(JsonNode body);

    /** Body {@code {"d":[{"type":"email|phone|whatsapp","value":...,"status":"Unsubscribe|Resubscribe"}]}}, at most 1000. */
    @POST
    @Path(CleverTapPaths.SUBSCRIBE)
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<RestResponse<String>> subscribe(byte[] body);

    /** Body {@code {"d":[{"type":"phone","value":...}]}}, at most 1000. */
    @POST
    @Path(CleverTapPaths.DISASSOCIATE)
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<RestResponse<String>> disassociate(byte[] body);
}
