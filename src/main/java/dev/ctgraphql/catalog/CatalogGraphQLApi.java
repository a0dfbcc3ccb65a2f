package dev.ctgraphql.catalog;

import java.time.OffsetDateTime;
import java.util.List;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import io.smallrye.mutiny.Uni;

import dev.ctgraphql.upstream.CleverTapBadInputException;

/** The account's catalogue: events and profile properties (for pickers), subscription groups and content blocks. */
@GraphQLApi
public class CatalogGraphQLApi {

    /** CleverTap's largest content block page. */
    static final int MAX_BLOCKS_PAGE = 100;

    private final CatalogClient client;

    CatalogGraphQLApi(CatalogClient client) {
        this.client = client;
    }

    @Query
    @Description("Every event the account knows (system and custom) with its properties, from CleverTap's schema "
            + "(cached for hours).")
    public Uni<@NonNull List<@NonNull EventDefinition>> eventCatalog() {
        return client.events();
    }

    @Query
    @Description("Every profile property the account knows (system and custom), from CleverTap's schema (cached for hours).")
    public Uni<@NonNull List<@NonNull PropertyDefinition>> profilePropertyCatalog() {
        return client.profileProperties();
    }

    @Query
    @Description("The account's subscription groups (categories of messages users can opt into or out of; cached for hours).")
    public Uni<@NonNull List<@NonNull SubscriptionGroup>> subscriptionGroups() {
        return client.subscriptionGroups();
    }

    @Query
    @Description("The account's content blocks, a page at a time, optionally only those changed in a time window.")
    public Uni<@NonNull ContentBlockConnection> contentBlocks(
            @Name("first") @DefaultValue("20") @Description("Page size, 1 to 100.") int first,
            @Name("after") @Description("endCursor of the previous page (the page size stays that page's).") String after,
            @Name("updatedFrom") @Description("Only blocks changed at or after this time. ") OffsetDateTime updatedFrom,
            @Name("updatedTo") @Description("Only blocks changed at or before this time. ") OffsetDateTime updatedTo) {
        CleverTapBadInputException.check(first >= 1 && first <= MAX_BLOCKS_PAGE, "first",
                "must be between 1 and " + MAX_BLOCKS_PAGE);
        CleverTapBadInputException.check(updatedFrom == null || updatedTo == null || !updatedTo.isBefore(updatedFrom),
                "updatedTo", "must not be before updatedFrom");
        ContentBlockCursor page = after == null ? new ContentBlockCursor(1, first) : ContentBlockCursor.decode(after);
        return client.contentBlocks(page.pageNumber(), page.pageSize(), updatedFrom, updatedTo);
    }
}
