package dev.ctgraphql.event;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import io.smallrye.mutiny.Uni;

import dev.ctgraphql.graphql.EventQuery;
import dev.ctgraphql.graphql.Paging;

/** Event occurrences, a page at a time. */
@GraphQLApi
public class EventGraphQLApi {

    private final EventClient client;

    EventGraphQLApi(EventClient client) {
        this.client = client;
    }

    @Query
    @Description("Occurrences of the query's event, a page at a time, with the profile that did each.")
    public Uni<@NonNull EventConnection> events(
            @NonNull @Name("query") @Description("Which event, days and filters.") EventQuery query,
            @Name("first") @Description("Page size, 1 to 5000 (default 100); CleverTap may return fewer.") Integer first,
            @Name("after") @Description("endCursor of the previous page.") String after) {
        var cql = query.toCql("query");
        return client.page(cql, Paging.batchSize(first), Paging.cursor(after));
    }
}
