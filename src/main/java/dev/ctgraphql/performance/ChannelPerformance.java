package dev.ctgraphql.performance;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import dev.ctgraphql.campaign.Channel;

/** One channel's results over a period. */
@Type("ChannelPerformance")
@Description("One channel's (or, with channel null, all channels') results over the range.")
public record ChannelPerformance(
        @Description("The channel; null for the overall line and for messages CleverTap reports under an unknown channel.") Channel channel,
        @NonNull @Description("Messages (campaigns) with results in the range.") int messages,
        @NonNull @Description("Totals over the range.") PerformanceTotals totals,
        @NonNull @Description("Per day of the range.") List<@NonNull PerformanceDay> daily,
        @Description("Totals over the previous period; null unless asked for with compare.") PerformanceTotals previous,
        @Description("This period against the previous one; null unless asked for with compare.") PeriodChange change) {
}
