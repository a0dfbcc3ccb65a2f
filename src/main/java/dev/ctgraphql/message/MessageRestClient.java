package dev.ctgraphql.message;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;

import dev.ctgraphql.upstream.CleverTapPaths;

/**
 * CleverTap's calls that send messages and build custom lists: sends to named users ({@code /1/send/<channel>.json}),
 * External Trigger v1 and v2, and the first and last steps of a custom list upload (which live outside {@code /1}).
 * Built by {@code CleverTapRestClients}; answers are read as text so that both the HTTP status and the body's status
 * can be checked.
 */
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
interface MessageRestClient {

    /** {@code channel}: push, sms, email or webpush. */
    @POST
    @Path(CleverTapPaths.SEND)
    Uni<RestResponse<String>> send(@PathParam("channel") String channel, JsonNode body);

    @POST
    @Path(CleverTapPaths.EXTERNAL_TRIGGER)
    Uni<RestResponse<String>> trigger(JsonNode body);

    /** Bulk and multi-campaign sends; CleverTap requires the account's External Trigger token here. */
    @POST
    @Path(CleverTapPaths.EXTERNAL_TRIGGER_MANY)
    Uni<RestResponse<String>> triggerMany(@HeaderParam("X-CleverTap-Token") String token, JsonNode body);

    /** No body: answers a pre-signed URL to PUT the list's CSV to. */
    @POST
    @Path(CleverTapPaths.CUSTOM_LIST_URL)
    Uni<RestResponse<String>> customListUrl();

    /** Body {@code {name, creator, filename, email, url, replace}}: the uploaded file becomes a list (result emailed). */
    @POST
    @Path(CleverTapPaths.CUSTOM_LIST_COMPLETED)
    Uni<RestResponse<String>> customListCompleted(JsonNode body);
}
