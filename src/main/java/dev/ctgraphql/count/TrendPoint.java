package dev.ctgraphql.count;

import java.time.LocalDate;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** One bucket of a trend. */
@Type("TrendPoint")
@Description("One bucket of a trend: its first day and its value (events, unique profiles or a property's sum).")
public record TrendPoint(
        @NonNull @Description("First day of the bucket.") LocalDate start,
        @NonNull @Description("Value in the bucket.") double value) {
}
