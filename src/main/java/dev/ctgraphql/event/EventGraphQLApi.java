package dev.ctgraphql.event;

import java.util.List;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import io.smallrye.mutiny.Uni;

import dev.ctgraphql.graphql.BulkArguments;
import dev.ctgraphql.graphql.EventQuery;
import dev.ctgraphql.graphql.Paging;
import dev.ctgraphql.graphql.UploadResult;
import dev.ctgraphql.upstream.CleverTapBadInputException;
import dev.ctgraphql.upstream.CleverTapConfig;
import dev.ctgraphql.upstream.UploadFeed;

/** Event occurrences, a page at a time, and event uploads. */
@GraphQLApi
public class EventGraphQLApi {

    private final EventClient client;
    private final int maxRecords;

    EventGraphQLApi(EventClient client, CleverTapConfig config) {
        this.client = client;
        this.maxRecords = config.uploads().maxRecords();
    }

    /**
     * Defines the field in the schema; requests are answered by {@link EventUploadMutation}, which reads the events
     * without SmallRye's per-object conversion and calls {@link #upload}.
     */
    @Mutation
    @Description("Records events, any number up to the configured maximum: sent to CleverTap in chunks of 1000 within its "
            + "concurrency limit, retried when CleverTap refuses a chunk without storing it. Every record not stored is "
            + "listed in rejected by its index; invalid ones are never sent.")
    public Uni<UploadResult> uploadEvents(
            @NonNull @Name("events") @Description("The events.") List<@NonNull EventInput> events,
            @Name("dryRun") @DefaultValue("false") @Description("Validate only (CleverTap validates too), store nothing.") Boolean dryRun) {
        return upload(BulkArguments.records(events), Boolean.TRUE.equals(dryRun));
    }

    /**
     * Reads and validates the events while sending the valid ones (see {@link UploadFeed}) and accounts for all of them
     * by index.
     */
    Uni<UploadResult> upload(BulkArguments.Records events, boolean dryRun) {
        CleverTapBadInputException.check(events.size() <= maxRecords, "events", "has " + events.size()
                + " records; at most " + maxRecords + " per mutation");
        return UploadFeed.send("events", events.parser(), client.reader(), listener -> client.stream(listener, dryRun))
                .map(UploadResult::of);
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
