package dev.ctgraphql.campaign;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
     * From one entry of {@code messages[]} of a report over {@code from}..{@code to}. {@code data} is an array of count
     * objects; with daily it holds one entry per day in one of two forms, both read: objects carrying a {@code date},
     * or (CleverTap's form in client code) arrays of count objects without dates, which are the days of the requested
     * range in order. The totals are the sums of all entries.
     */
    static MessageReport from(JsonNode message, boolean daily, LocalDate from, LocalDate to) {
        JsonNode id = message.has("message id") ? message.get("message id") : message.path("message_id");
        long sent = 0;
        long viewed = 0;
        long clicked = 0;
        boolean any = false;
        Map<LocalDate, long[]> days = new TreeMap<>();
        JsonNode data = message.path("data");
        long rangeDays = ChronoUnit.DAYS.between(from, to) + 1;
        int position = 0;
        Iterable<JsonNode> entries = data.isArray() ? data : List.of(data);
        for (JsonNode day : entries) {
            LocalDate date = CleverTapDates.fromDay(day.path("date").asText(null));
            if (date == null && position < rangeDays) {
                // no date: the entry's position in the range (the array-of-arrays form)
                date = from.plusDays(position);
            }
            position++;
            for (JsonNode entry : flatten(day)) {
                any = true;
                sent += entry.path("sent").asLong(0);
                viewed += entry.path("viewed").asLong(0);
                clicked += entry.path("clicked").asLong(0);
                if (daily && date != null) {
                    long[] counts = days.computeIfAbsent(date, ignored -> new long[3]);
                    counts[0] += entry.path("sent").asLong(0);
                    counts[1] += entry.path("viewed").asLong(0);
                    counts[2] += entry.path("clicked").asLong(0);
                }
            }
        }
        List<DailyStats> series = new ArrayList<>(days.size());
        days.forEach((date, counts) -> series.add(new DailyStats(date, GraphQLLong.of(counts[0]), GraphQLLong.of(counts[1]),
                GraphQLLong.of(counts[2]))));
        return new MessageReport(id.asText(), message.path("message_name").asText(null),
                Channel.parse(message.path("channel").asText(null)), CampaignStatus.parse(message.path("status").asText(null)),
                any ? GraphQLLong.of(sent) : null, any ? GraphQLLong.of(viewed) : null, any ? GraphQLLong.of(clicked) : null,
                daily ? List.copyOf(series) : null);
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

}
