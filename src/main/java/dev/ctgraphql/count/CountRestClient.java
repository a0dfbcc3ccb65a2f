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

/**
 * CleverTap's count, trend, top-value and real-time APIs. Built by {@code CleverTapRestClients}; answers are read as
 * text so that both the HTTP status and the body's status can be checked.
 */
@Path("/1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
interface CountRestClient {

    @POST
    @Path("/counts/events.json")
    Uni<RestResponse<String>> eventCount(JsonNode query);

    @GET
    @Path("/counts/events.json")
    Uni<RestResponse<String>> eventCountResult(@QueryParam("req_id") long requestId);

    @POST
    @Path("/counts/profiles.json")
    Uni<RestResponse<String>> profileCount(JsonNode query);

    @GET
    @Path("/counts/profiles.json")
    Uni<RestResponse<String>> profileCountResult(@QueryParam("req_id") long requestId);

    @POST
    @Path("/counts/trends.json")
    Uni<RestResponse<String>> trend(JsonNode query);

    @GET
    @Path("/counts/trends.json")
    Uni<RestResponse<String>> trendResult(@QueryParam("req_id") long requestId);

    @POST
    @Path("/counts/top.json")
    Uni<RestResponse<String>> top(JsonNode query);

    @GET
    @Path("/counts/top.json")
    Uni<RestResponse<String>> topResult(@QueryParam("req_id") long requestId);

    @POST
    @Path("/now.json")
    Uni<RestResponse<String>> realtime(JsonNode body);
}
