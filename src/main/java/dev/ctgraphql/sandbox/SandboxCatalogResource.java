package dev.ctgraphql.sandbox;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

import dev.ctgraphql.upstream.CleverTapPaths;

/** CleverTap's metadata APIs outside {@code /1}: schema, subscription groups, content blocks; see {@link SandboxCatalog}. */
@Path(SandboxGate.PREFIX)
@Produces(MediaType.APPLICATION_JSON)
public class SandboxCatalogResource {

    private final SandboxGate gate;
    private final SandboxCatalog catalog;

    SandboxCatalogResource(SandboxGate gate, SandboxCatalog catalog) {
        this.gate = gate;
        this.catalog = catalog;
    }

    @GET
    @Path(CleverTapPaths.SCHEMA)
    public Uni<Response> schema(@Context HttpServerRequest request, @QueryParam("type") String type) {
        return gate.serve(request, SandboxLimits.Kind.OTHER, () -> SandboxJson.ok(catalog.schema(type)));
    }

    @GET
    @Path(CleverTapPaths.CATEGORY_GROUPS)
    public Uni<Response> categoryGroups(@Context HttpServerRequest request) {
        return gate.serve(request, SandboxLimits.Kind.OTHER, () -> SandboxJson.ok(catalog.categoryGroups()));
    }

    @GET
    @Path(CleverTapPaths.CONTENT_BLOCKS)
    public Uni<Response> contentBlocks(@Context HttpServerRequest request, @QueryParam("pageNumber") String pageNumber,
            @QueryParam("pageSize") String pageSize, @QueryParam("updatedFrom") String updatedFrom,
            @QueryParam("updatedTo") String updatedTo) {
        return gate.serve(request, SandboxLimits.Kind.OTHER,
                () -> SandboxJson.ok(catalog.contentBlocks(pageNumber, pageSize, updatedFrom, updatedTo)));
    }
}
