package dev.ctgraphql.catalog;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;

import dev.ctgraphql.upstream.CleverTapPaths;

/**
 * CleverTap's metadata APIs, none of which live under {@code /1} (reference §1.1, §5.9, §7): the event and profile
 * property schema, subscription groups and content blocks. Built by {@code CleverTapRestClients}; answers are read as
 * text so that both the HTTP status and the body's status can be checked. Sent with GET and no body, so without a
 * Content-Type, as the newest docs ask for GET calls.
 */
@Produces(MediaType.APPLICATION_JSON)
interface CatalogRestClient {

    /** {@code type=events} or {@code type=userProperties}. */
    @GET
    @Path(CleverTapPaths.SCHEMA)
    Uni<RestResponse<String>> schema(@QueryParam("type") String type);

    @GET
    @Path(CleverTapPaths.CATEGORY_GROUPS)
    Uni<RestResponse<String>> categoryGroups();

    /** One page; {@code updatedFrom}/{@code updatedTo} are ISO date-times with milliseconds, null to leave out. */
    @GET
    @Path(CleverTapPaths.CONTENT_BLOCKS)
    Uni<RestResponse<String>> contentBlocks(@QueryParam("pageNumber") int pageNumber, @QueryParam("pageSize") int pageSize,
            @QueryParam("updatedFrom") String updatedFrom, @QueryParam("updatedTo") String updatedTo);
}
