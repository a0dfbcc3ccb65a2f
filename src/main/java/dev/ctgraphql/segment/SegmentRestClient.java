package dev.ctgraphql.segment;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;

import dev.ctgraphql.upstream.CleverTapPaths;

/**
 * CleverTap's API segments (private beta; reference §7), which live under {@code /api}, not {@code /1}. Built by
 * {@code CleverTapRestClients}; answers are read as text so that both the HTTP status and the body's status are checked.
 */
@Produces(MediaType.APPLICATION_JSON)
interface SegmentRestClient {

    @POST
    @Path(CleverTapPaths.SEGMENT_CREATE)
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<RestResponse<String>> create(JsonNode body);

    @POST
    @Path(CleverTapPaths.SEGMENT_UPDATE)
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<RestResponse<String>> update(JsonNode body);
}
