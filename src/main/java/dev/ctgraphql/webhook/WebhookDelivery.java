package dev.ctgraphql.webhook;

import java.time.OffsetDateTime;
import java.util.List;

import jakarta.json.JsonValue;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** One webhook call CleverTap made to this service. */
@Type("WebhookDelivery")
@Description("One call CleverTap made to POST /webhooks/clevertap (a campaign or journey with a webhook channel).")
public record WebhookDelivery(
        @NonNull @Id @Description("This service's sequence number for the call, increasing; local-<n> for a call kept only "
                + "by the replica that received it, while the shared Redis could not be reached.") String id,
        @NonNull @Description("When it arrived.") OffsetDateTime receivedAt,
        @Id @Description("The webhook campaign (or journey step) id CleverTap sent as targetId.") String targetId,
        @NonNull @Description("True for the test call CleverTap makes when a webhook template is saved.") boolean test,
        @NonNull @Description("True for the broadcast form (profiles as an array, many users per call), false for the "
                + "per-user form (one profile object).") boolean broadcast,
        @Description("Key-value pairs of the template.") JsonValue keyValues,
        @NonNull @Description("The users the call was about.") List<@NonNull WebhookProfile> profiles) {

    /** The same delivery under another id. */
    WebhookDelivery withId(String newId) {
        return new WebhookDelivery(newId, receivedAt, targetId, test, broadcast, keyValues, profiles);
    }

    /** Whether this delivery belongs to the target (all do when no target is asked for). */
    boolean matches(String target) {
        return target == null || target.equals(targetId);
    }
}
