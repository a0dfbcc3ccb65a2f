package dev.ctgraphql.webhook;

import java.util.List;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import io.smallrye.graphql.api.Subscription;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import dev.ctgraphql.upstream.CleverTapBadInputException;

/** Webhook calls CleverTap made to this service: the latest ones, per target, and live. */
@GraphQLApi
public class WebhookGraphQLApi {

    private final WebhookStore store;

    WebhookGraphQLApi(WebhookStore store) {
        this.store = store;
    }

    @Query
    @Description("The newest webhook calls received at POST /webhooks/clevertap, newest first (up to webhooks.store-size; kept in "
            + "the shared Redis when one is configured, so every replica lists every call, else in this replica's memory).")
    public Uni<@NonNull List<@NonNull WebhookDelivery>> webhookDeliveries(
            @Id @Name("targetId") @Description("Only calls of this webhook campaign or journey step.") String targetId,
            @Name("last") @DefaultValue("20") @Description("How many, 1 to webhooks.store-size.") int last) {
        CleverTapBadInputException.check(last >= 1 && last <= store.capacity(), "last",
                "must be between 1 and " + store.capacity());
        return store.last(targetId, last);
    }

    @Query
    @Description("Stored webhook calls grouped by targetId, most recently called first. Journeys that call a webhook "
            + "show up here under their step's targetId.")
    public Uni<@NonNull List<@NonNull WebhookTarget>> webhookTargets() {
        return store.targets();
    }

    @Subscription
    @Description("Each webhook call as it arrives (within a second), whichever replica received it.")
    public Multi<@NonNull WebhookDelivery> webhookReceived(
            @Id @Name("targetId") @Description("Only calls of this webhook campaign or journey step.") String targetId) {
        return store.stream(targetId);
    }
}
