package dev.ctgraphql.proxy;

import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Encoded;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;

/**
 * Any CleverTap API path, for the raw proxy. Built by {@code CleverTapRestClients} like every domain's client, so it has
 * the same base URL, auth headers and timeouts; the path is already validated ({@link ProxyRequest}) and sent as is.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
interface ProxyRestClient {

    @GET
    @Path("{path}")
    Uni<RestResponse<String>> get(@Encoded @PathParam("path") String path, @RestQuery Map<String, String> query);

    @POST
    @Path("{path}")
    Uni<RestResponse<String>> post(@Encoded @PathParam("path") String path, @RestQuery Map<String, String> query,
            JsonNode body);

    @PUT
    @Path("{path}")
    Uni<RestResponse<String>> put(@Encoded @PathParam("path") String path, @RestQuery Map<String, String> query,
            JsonNode body);

    @DELETE
    @Path("{path}")
    Uni<RestResponse<String>> delete(@Encoded @PathParam("path") String path, @RestQuery Map<String, String> query,
            JsonNode body);
}
