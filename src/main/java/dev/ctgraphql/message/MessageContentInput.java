package dev.ctgraphql.message;

import jakarta.json.JsonValue;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

/** What a message sent to named users says. */
@Input("MessageContentInput")
@Description("The message. Push and web push need a title; email needs a subject (and usually a sender name).")
public record MessageContentInput(
        @Description("Title (push, web push).") String title,
        @NonNull @Description("Body: text, or HTML for email.") String body,
        @Description("Subject (email).") String subject,
        @Description("Sender name (email).") String senderName,
        @Description("Link opened on tap (push: Android and iOS; web push: the browser).") String deepLink,
        @Description("CleverTap's platform_specific object as is (e.g. {\"android\":{\"wzrk_cid\":\"Orders\"}}); "
                + "deepLink is added to it.") JsonValue platformSpecific) {
}
