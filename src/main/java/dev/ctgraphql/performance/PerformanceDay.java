package dev.ctgraphql.performance;

import java.time.LocalDate;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** One day of a channel's daily series. */
@Type("PerformanceDay")
@Description("One day of a daily series (every day of the range, zero where nothing was sent).")
public record PerformanceDay(
        @NonNull @Description("The day, in the project's time zone.") LocalDate date,
        @NonNull @Description("That day's totals and rates.") PerformanceTotals totals) {
}
