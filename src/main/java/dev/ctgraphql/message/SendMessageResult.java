package dev.ctgraphql.message;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** What CleverTap said about a send. */
@Type("SendMessageResult")
@Description("CleverTap accepted the message for delivery (it is sent asynchronously; see messageReports for results).")
public record SendMessageResult(
        @NonNull @Description("Recipients named in the request.") int recipients,
        @Description("CleverTap's message, e.g. \"Added to queue for processing\".") String message) {
}
