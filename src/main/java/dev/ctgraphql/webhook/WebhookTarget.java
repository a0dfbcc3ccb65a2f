package dev.ctgraphql.webhook;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** The stored deliveries of one webhook campaign or journey step. */
@Type("WebhookTarget")
@Description("What the webhook store holds for one targetId: a webhook campaign, or a journey's webhook step (CleverTap "
        + "has no journey API, so this is how a journey that calls a webhook can be followed).")
public record WebhookTarget(
        @Id @Description("CleverTap's targetId; null for calls that sent none.") String targetId,
        @NonNull @Description("Calls stored.") int deliveries,
        @NonNull @Description("Users named in them.") int users,
        @NonNull @Description("When the latest arrived.") OffsetDateTime lastReceivedAt) {
}
