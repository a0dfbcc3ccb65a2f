package dev.ctgraphql.campaign;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

/** What a campaign's message says. */
@Input("CampaignContentInput")
@Description("The message. Push, web push and inbox need a title; email needs a subject and a sender name.")
public record CampaignContentInput(
        @Description("Title (push, web push, inbox).") String title,
        @NonNull @Description("Body: text, or HTML for email.") String body,
        @Description("Subject (email).") String subject,
        @Description("Sender name (email).") String senderName,
        @Description("Link opened on tap (push, web push).") String deepLink) {
}
