package dev.ctgraphql.count;

import jakarta.ws.rs.Consumes;
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
 * CleverTap's count, trend, top-value and real-time APIs. Built by {@code CleverTapRestClients}; answers are read as
 * text so that both the HTTP status and the body's status can be checked.
 */
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
interface CountRestClient {

    @POST
    @Path(CleverTapPaths.COUNT_EVENTS)
    Uni<RestResponse<String>> eventCount(JsonNode query);

    @GET
    @Path(CleverTapPaths.COUNT_EVENTS)
    Uni<RestResponse<String>> eventCountResult(@QueryParam("req_id") long requestId);

    @POST
    @Path(CleverTapPaths.COUNT_PROFILES)
    Uni<RestResponse<String>> profileCount(JsonNode query);

    @GET
    @Path(CleverTapPaths.COUNT_PROFILES)
    Uni<RestResponse<String>> profileCountResult(@QueryParam("req_id") long requestId);

    @POST
    @Path(CleverTapPaths.COUNT_TRENDS)
    Uni<RestResponse<String>> trend(JsonNode query);

    @GET
    @Path(CleverTapPaths.COUNT_TRENDS)
    Uni<RestResponse<String>> trendResult(@QueryParam("req_id") long requestId);

    @POST
    @Path(CleverTapPaths.COUNT_TOP)
    Uni<RestResponse<String>> top(JsonNode query);

    @GET
    @Path(CleverTapPaths.COUNT_TOP)
    Uni<RestResponse<String>> topResult(@QueryParam("req_id") long requestId);

    @POST
    @Path(CleverTapPaths.NOW)
    Uni<RestResponse<String>> realtime(JsonNode body);
}
