package dev.ctgraphql.performance;

import java.time.LocalDate;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** Channel performance over a range, optionally against the previous period. */
@Type("PerformanceReport")
@Description("Per-channel and overall results from CleverTap's message reports (dashboard, API and, where CleverTap "
        + "includes them, journey messages).")
public record PerformanceReport(
        @NonNull @Description("First day of the range.") LocalDate from,
        @NonNull @Description("Last day of the range.") LocalDate to,
        @Description("First day of the previous period (same length, just before); null without compare.") LocalDate previousFrom,
        @Description("Last day of the previous period; null without compare.") LocalDate previousTo,
        @NonNull @Description("All channels together.") ChannelPerformance overall,
        @NonNull @Description("One entry per channel with messages, most sent first.") List<@NonNull ChannelPerformance> channels) {
}
