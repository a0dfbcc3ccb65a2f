package dev.ctgraphql.campaign;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.ctgraphql.graphql.EventQuery;
import dev.ctgraphql.upstream.CleverTapBadInputException;
import dev.ctgraphql.upstream.CqlQuery;

/** A campaign to create. */
@Input("CampaignInput")
@Description("A campaign to create through CleverTap's API.")
public record CampaignInput(
        @NonNull @Description("Campaign name.") String name,
        @NonNull @Description("Channel: PUSH, WEBPUSH, EMAIL, SMS, WHATSAPP, WEBHOOK or NOTIFICATION_INBOX.") Channel channel,
        @Description("Who receives it: users who did an event; everyone when omitted.") EventQuery audience,
        @NonNull @Description("The message.") CampaignContentInput content,
        @Description("When to send; now when omitted.") OffsetDateTime sendAt) {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("uuuuMMdd HH:mm");

    /** Checks what CleverTap would refuse, naming the field, and returns the Create Campaign body. */
    ObjectNode toRequest(ZoneId zone, Instant now, boolean estimateOnly) {
        CleverTapBadInputException.check(name != null && !name.isBlank() && name.length() <= 256, "input.name",
                "must have 1 to 256 characters");
        CleverTapBadInputException.check(channel.targetMode() != null, "input.channel",
                channel + " campaigns cannot be created through CleverTap's API");
        CleverTapBadInputException.check(content.body() != null && !content.body().isBlank(), "input.content.body",
                "must not be empty");
        boolean titled = channel == Channel.PUSH || channel == Channel.WEBPUSH || channel == Channel.NOTIFICATION_INBOX;
        CleverTapBadInputException.check(!titled || (content.title() != null && !content.title().isBlank()),
                "input.content.title", "is required for " + channel);
        if (channel == Channel.EMAIL) {
            CleverTapBadInputException.check(content.subject() != null && !content.subject().isBlank(),
                    "input.content.subject", "is required for EMAIL");
            CleverTapBadInputException.check(content.senderName() != null && !content.senderName().isBlank(),
                    "input.content.senderName", "is required for EMAIL");
        }
        if (sendAt != null) {
            CleverTapBadInputException.check(!sendAt.toInstant().isBefore(now.minusSeconds(60)), "input.sendAt",
                    "is in the past (" + sendAt + ")");
            CleverTapBadInputException.check(sendAt.toInstant().isBefore(now.plus(Duration.ofDays(366))), "input.sendAt",
                    "is more than a year ahead");
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("name", name);
        body.put("target_mode", channel.targetMode());
        if (audience != null) {
            CqlQuery where = audience.toCql("input.audience");
            CleverTapBadInputException.check(!where.to().isAfter(LocalDate.now(zone)), "input.audience.range.to",
                    "is in the future; CleverTap selects users by what they already did");
            body.set("where", where.toJson());
        } else {
            body.putObject("where");
        }
        body.set("content", content(content));
        if (channel == Channel.PUSH) {
            body.putArray("devices").add("android").add("ios");
        } else if (channel == Channel.WEBPUSH) {
            body.putArray("devices").add("web");
        }
        body.put("when", sendAt == null ? "now" : sendAt.atZoneSameInstant(zone).format(WHEN));
        if (estimateOnly) {
            body.put("estimate_only", true);
        }
        return body;
    }

    private ObjectNode content(CampaignContentInput in) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        if (in.title() != null) {
            out.put("title", in.title());
        }
        if (in.subject() != null) {
            out.put("subject", in.subject());
        }
        out.put("body", in.body());
        if (in.senderName() != null) {
            out.put("sender_name", in.senderName());
        }
        if (in.deepLink() != null && (channel == Channel.PUSH || channel == Channel.WEBPUSH)) {
            ObjectNode platforms = out.putObject("platform_specific");
            for (String platform : channel == Channel.PUSH
                    ? new String[]{"android", "ios"}
                    : new String[]{"chrome", "firefox", "safari"}) {
                platforms.putObject(platform).put("deep_link", in.deepLink());
            }
        }
        return out;
    }
}
