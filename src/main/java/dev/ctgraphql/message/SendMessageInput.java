package dev.ctgraphql.message;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.ctgraphql.campaign.Channel;
import dev.ctgraphql.graphql.JsonValues;
import dev.ctgraphql.upstream.CleverTapBadInputException;

/** A message to send now to named users. */
@Input("SendMessageInput")
@Description("A message sent now to named users on one channel (PUSH, WEBPUSH, EMAIL or SMS).")
public record SendMessageInput(
        @NonNull @Description("PUSH, WEBPUSH, EMAIL or SMS.") Channel channel,
        @NonNull @Description("Who receives it.") RecipientsInput to,
        @NonNull @Description("The message.") MessageContentInput content,
        @Description("Groups messages for reporting (CleverTap's tag_group).") String tagGroup,
        @Description("Whether the users' frequency caps apply (CleverTap's default: yes).") Boolean respectFrequencyCaps) {

    /** CleverTap's path segment for the channel, or a bad input error for a channel it cannot send to users. */
    String wireChannel() {
        return switch (channel) {
            case PUSH -> "push";
            case WEBPUSH -> "webpush";
            case EMAIL -> "email";
            case SMS -> "sms";
            default -> throw new CleverTapBadInputException("input.channel: " + channel
                    + " cannot be sent to named users; use PUSH, WEBPUSH, EMAIL or SMS");
        };
    }

    /** The body of {@code /1/send/<channel>.json} (reference §6.2), checked before anything is sent. */
    ObjectNode toWire() {
        String wire = wireChannel();
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.set("to", to.toWire("input.to", false));
        if (tagGroup != null) {
            CleverTapBadInputException.check(!tagGroup.isBlank() && tagGroup.length() <= 200, "input.tagGroup",
                    "must be 1 to 200 characters");
            body.put("tag_group", tagGroup.trim());
        }
        if (respectFrequencyCaps != null) {
            body.put("respect_frequency_caps", respectFrequencyCaps);
        }
        CleverTapBadInputException.check(content.body() != null && !content.body().isBlank(), "input.content.body",
                "must not be empty");
        ObjectNode wireContent = body.putObject("content");
        boolean push = wire.equals("push") || wire.equals("webpush");
        if (push) {
            CleverTapBadInputException.check(content.title() != null && !content.title().isBlank(), "input.content.title",
                    "is required for " + channel);
            wireContent.put("title", content.title());
        }
        if (wire.equals("email")) {
            CleverTapBadInputException.check(content.subject() != null && !content.subject().isBlank(),
                    "input.content.subject", "is required for EMAIL");
            wireContent.put("subject", content.subject());
            if (content.senderName() != null) {
                wireContent.put("sender_name", content.senderName());
            }
        }
        wireContent.put("body", content.body());
        JsonNode platforms = JsonValues.toWire(content.platformSpecific());
        CleverTapBadInputException.check(platforms == null || platforms.isObject(), "input.content.platformSpecific",
                "must be an object keyed by platform (android, ios, chrome ...)");
        ObjectNode specific = platforms == null ? JsonNodeFactory.instance.objectNode() : (ObjectNode) platforms;
        if (content.deepLink() != null) {
            CleverTapBadInputException.check(push, "input.content.deepLink", "applies to PUSH and WEBPUSH only");
            for (String platform : wire.equals("push") ? new String[]{"android", "ios"} : new String[]{"chrome"}) {
                JsonNode existing = specific.get(platform);
                (existing instanceof ObjectNode object ? object : specific.putObject(platform))
                        .put("deep_link", content.deepLink());
            }
        }
        if (!specific.isEmpty()) {
            wireContent.set("platform_specific", specific);
        }
        return body;
    }
}
