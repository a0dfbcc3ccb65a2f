package dev.ctgraphql.performance;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import dev.ctgraphql.graphql.GraphQLLong;

/** Sent, viewed and clicked with the rates a marketer reads. */
@Type("PerformanceTotals")
@Description("Sent, viewed and clicked, with rates (null when nothing was sent, or for clickThroughRate nothing viewed).")
public record PerformanceTotals(
        @NonNull @Description("Messages sent.") GraphQLLong sent,
        @NonNull @Description("Messages viewed (opened).") GraphQLLong viewed,
        @NonNull @Description("Messages clicked.") GraphQLLong clicked,
        @Description("viewed / sent.") Double viewRate,
        @Description("clicked / sent.") Double clickRate,
        @Description("clicked / viewed.") Double clickThroughRate) {

    static PerformanceTotals of(long sent, long viewed, long clicked) {
        return new PerformanceTotals(GraphQLLong.of(sent), GraphQLLong.of(viewed), GraphQLLong.of(clicked),
                ratio(viewed, sent), ratio(clicked, sent), ratio(clicked, viewed));
    }

    static Double ratio(long part, long whole) {
        return whole == 0 ? null : (double) part / whole;
    }
}
