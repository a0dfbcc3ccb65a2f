package dev.ctgraphql.campaign;

import java.time.LocalDate;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import dev.ctgraphql.graphql.GraphQLLong;

/** One day of a message's delivery counts. */
@Type("DailyStats")
@Description("One day of a message's results.")
public record DailyStats(
        @NonNull @Description("The day, in the project's time zone.") LocalDate date,
        @Description("Messages sent that day.") GraphQLLong sent,
        @Description("Messages viewed that day.") GraphQLLong viewed,
        @Description("Messages clicked that day.") GraphQLLong clicked) {
}
