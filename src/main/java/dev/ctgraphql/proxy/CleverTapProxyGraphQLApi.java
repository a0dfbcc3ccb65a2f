package dev.ctgraphql.proxy;

import jakarta.json.JsonValue;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import io.smallrye.mutiny.Uni;

import dev.ctgraphql.graphql.JsonValues;

/** The raw CleverTap proxy: for what the schema does not cover yet. Admin only (see {@code security.FieldRoles}). */
@GraphQLApi
public class CleverTapProxyGraphQLApi {

    private final ProxyClient client;

    CleverTapProxyGraphQLApi(ProxyClient client) {
        this.client = client;
    }

    @Mutation
    @Description("Admin only. Sends a request to a CleverTap API path with this service's CleverTap credentials and "
            + "returns CleverTap's JSON answer. Goes through the same concurrency limits as every other call, is never "
            + "cached, and is retried only when CleverTap did not act (429, 503). Failures carry the usual error codes.")
    public Uni<JsonValue> cleverTapRequest(
            @NonNull @Name("method") @Description("GET, POST, PUT or DELETE.") HttpMethod method,
            @NonNull @Name("path") @Description("CleverTap API path under /1/, /2/, /api/ or /v1/contentBlock/, or /getSchema or "
                    + "/category-groups, e.g. /1/profile.json (no host, no query string).") String path,
            @Name("query") @Description("Query parameters: a JSON object of strings, numbers and booleans.") JsonValue query,
            @Name("body") @Description("JSON body (an object or a list): required for POST and PUT, optional for DELETE, "
                    + "omitted for GET.") JsonValue body) {
        ProxyRequest request = ProxyRequest.of(method, path, query, body);
        return client.send(request).map(JsonValues::toGraphQL);
    }
}
