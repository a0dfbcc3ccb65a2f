package dev.ctgraphql.message;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** What CleverTap said about an External Trigger. */
@Type("TriggerResult")
@Description("CleverTap accepted the trigger: one send goes through External Trigger v1, several through v2.")
public record TriggerResult(
        @NonNull @Description("Campaign sends in the request.") int sends,
        @NonNull @Description("Recipients named in all sends.") int recipients,
        @NonNull @Description("The External Trigger API version used: 1 (one send) or 2 (several, with the token).") int apiVersion,
        @Description("CleverTap's message, when it gave one.") String message) {
}
