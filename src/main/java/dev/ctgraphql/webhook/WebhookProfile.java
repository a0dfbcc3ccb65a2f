package dev.ctgraphql.webhook;

import java.util.List;

import jakarta.json.JsonValue;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** One user named in a webhook call. */
@Type("WebhookProfile")
@Description("A user a webhook call was about, as CleverTap sent it.")
public record WebhookProfile(
        @Description("Your identity for the user.") String identity,
        @Description("Email address.") String email,
        @Description("CleverTap's id of the user's device.") String objectId,
        @Description("Full name.") String name,
        @Description("Phone number.") String phone,
        @Description("Push token, when the template includes it.") String pushToken,
        @NonNull @Description("Every identity of the user.") List<@NonNull String> allIdentities,
        @Description("Per-user key-value pairs of the template.") JsonValue keyValues,
        @Description("Custom profile properties.") JsonValue profileData,
        @Description("Subscription, location and time-zone fields CleverTap adds.") JsonValue systemProfileData,
        @Description("Properties of the event that triggered the call (live-behaviour triggers only).") JsonValue eventProperties) {
}
