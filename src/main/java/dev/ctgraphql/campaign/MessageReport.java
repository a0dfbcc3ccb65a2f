package dev.ctgraphql.campaign;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.graphql.api.Nullable;

import dev.ctgraphql.graphql.GraphQLLong;
import dev.ctgraphql.upstream.CleverTapDates;

/** Delivery totals of one message (campaign), from CleverTap's message report. */
@Type("MessageReport")
@Description("One message's results, dashboard campaigns included.")
public record MessageReport(
        @NonNull @Id @Description("CleverTap's message id.") String messageId,
        @Description("Message (campaign) name.") String name,
        @Description("Channel.") Channel channel,
        @Description("Lifecycle state.") CampaignStatus status,
        @Description("Messages sent.") GraphQLLong sent,
        @Description("Messages viewed.") GraphQLLong viewed,
        @Description("Messages clicked.") GraphQLLong clicked,
        @Nullable @Description("Per-day results; only when asked for with daily: true.") List<@NonNull DailyStats> daily) {

    /**
     * From one entry of {@code messages[]}. {@code data} is an array of count objects; with daily it holds one per day,
     * either as objects carrying a {@code date} or as nested arrays (both forms are seen in client code), and the totals
     * are their sums.
     */
    static MessageReport from(JsonNode message, boolean daily) {
        JsonNode id = message.has("message id") ? message.get("message id") : message.path("message_id");
        long sent = 0;
        long viewed = 0;
        long clicked = 0;
        boolean any = false;
        List<DailyStats> days = new ArrayList<>();
        for (JsonNode entry : flatten(message.path("data"))) {
            any = true;
            sent += entry.path("sent").asLong(0);
            viewed += entry.path("viewed").asLong(0);
            clicked += entry.path("clicked").asLong(0);
            var date = CleverTapDates.fromDay(entry.path("date").asText(null));
            if (daily && date != null) {
                days.add(new DailyStats(date, number(entry, "sent"), number(entry, "viewed"), number(entry, "clicked")));
            }
        }
        days.sort((a, b) -> a.date().compareTo(b.date()));
        return new MessageReport(id.asText(), message.path("message_name").asText(null),
                Channel.parse(message.path("channel").asText(null)), CampaignStatus.parse(message.path("status").asText(null)),
                any ? GraphQLLong.of(sent) : null, any ? GraphQLLong.of(viewed) : null, any ? GraphQLLong.of(clicked) : null,
                daily ? days : null);
    }

    private static List<JsonNode> flatten(JsonNode data) {
        List<JsonNode> entries = new ArrayList<>();
        if (data.isObject()) {
            entries.add(data);
        } else if (data.isArray()) {
            for (JsonNode item : data) {
                entries.addAll(flatten(item));
            }
        }
        return entries;
    }

    private static GraphQLLong number(JsonNode entry, String key) {
        JsonNode value = entry.path(key);
        return value.canConvertToLong() ? GraphQLLong.of(value.asLong()) : null;
    }
}
