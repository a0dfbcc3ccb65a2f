package dev.ctgraphql.campaign;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.graphql.api.Nullable;

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
        @Description("When to send; now when omitted.") OffsetDateTime sendAt,
        @Description("A saved segment's id to send to, instead of audience.") @Id String segment,
        @Description("WEBHOOK only: the name of the webhook endpoint configured in CleverTap.") String webhookEndpoint,
        @Description("How long the message may wait for delivery, in minutes (1 to 40320, 4 weeks).") Integer ttlMinutes,
        @Description("What counts as a conversion.") ConversionGoalInput conversionGoal,
        @Description("Whether the users' frequency caps apply (CleverTap's default: yes).") Boolean respectFrequencyCaps,
        @Nullable @Description("Campaign labels (for filtering reports), up to 20.") List<@NonNull String> labels,
        @Description("Which of the account's providers sends it (e.g. a SendGrid or SES nickname), when it has several.") String providerNickname) {

    /** Most labels per campaign, and the longest TTL in minutes. */
    static final int MAX_LABELS = 20;
    static final int MAX_TTL_MINUTES = 40_320;

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
        if (segment != null) {
            CleverTapBadInputException.check(audience == null, "input.segment", "give audience or segment, not both");
            CleverTapBadInputException.check(segment.matches("\\d{1,18}"), "input.segment",
                    "must be a numeric CleverTap segment id");
            body.put("segment", Long.parseLong(segment));
        } else if (audience != null) {
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
        documentedOptions(body);
        if (estimateOnly) {
            body.put("estimate_only", true);
        }
        return body;
    }

    /**
     * The documented optional parameters (reference §6.1): {@code webhook_endpoint_name}, {@code ttl},
     * {@code conversion_goal}, {@code respect_frequency_caps}, {@code labels}, {@code provider_nick_name}.
     */
    private void documentedOptions(ObjectNode body) {
        if (webhookEndpoint != null) {
            CleverTapBadInputException.check(channel == Channel.WEBHOOK, "input.webhookEndpoint", "applies to WEBHOOK only");
            CleverTapBadInputException.check(!webhookEndpoint.isBlank() && webhookEndpoint.length() <= 200,
                    "input.webhookEndpoint", "must be 1 to 200 characters");
            body.put("webhook_endpoint_name", webhookEndpoint.trim());
        }
        if (ttlMinutes != null) {
            CleverTapBadInputException.check(ttlMinutes >= 1 && ttlMinutes <= MAX_TTL_MINUTES, "input.ttlMinutes",
                    "must be 1 to " + MAX_TTL_MINUTES);
            body.putObject("ttl").put("ttl_type", "relative").put("value", ttlMinutes);
        }
        if (conversionGoal != null) {
            CleverTapBadInputException.check(conversionGoal.eventName() != null && !conversionGoal.eventName().isBlank()
                    && conversionGoal.eventName().length() <= 120, "input.conversionGoal.eventName",
                    "must be 1 to 120 characters");
            ObjectNode goal = body.putObject("conversion_goal").put("event_name", conversionGoal.eventName().trim());
            if (conversionGoal.withinDays() != null) {
                CleverTapBadInputException.check(conversionGoal.withinDays() >= 1 && conversionGoal.withinDays() <= 30,
                        "input.conversionGoal.withinDays", "must be 1 to 30");
                goal.put("conversion_time", conversionGoal.withinDays() + "D");
            }
            if (conversionGoal.revenueProperty() != null) {
                CleverTapBadInputException.check(!conversionGoal.revenueProperty().isBlank(),
                        "input.conversionGoal.revenueProperty", "must not be empty");
                goal.put("revenue_property", conversionGoal.revenueProperty().trim());
            }
        }
        if (respectFrequencyCaps != null) {
            body.put("respect_frequency_caps", respectFrequencyCaps);
        }
        if (labels != null && !labels.isEmpty()) {
            CleverTapBadInputException.check(labels.size() <= MAX_LABELS, "input.labels", "at most " + MAX_LABELS);
            var array = body.putArray("labels");
            for (int i = 0; i < labels.size(); i++) {
                String label = labels.get(i);
                CleverTapBadInputException.check(label != null && !label.isBlank() && label.length() <= 100,
                        "input.labels[" + i + "]", "must be 1 to 100 characters");
                array.add(label.trim());
            }
        }
        if (providerNickname != null) {
            CleverTapBadInputException.check(!providerNickname.isBlank() && providerNickname.length() <= 200,
                    "input.providerNickname", "must be 1 to 200 characters");
            body.put("provider_nick_name", providerNickname.trim());
        }
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
