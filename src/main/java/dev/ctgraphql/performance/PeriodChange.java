package dev.ctgraphql.performance;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Type;

/** This period against the previous one. */
@Type("PeriodChange")
@Description("This period against the previous one of the same length: counts as relative change (0.25 = +25 %, null "
        + "when the previous period had none), rates as the difference in points of the ratio (0.02 = +2 points).")
public record PeriodChange(
        @Description("Relative change of sent.") Double sent,
        @Description("Relative change of viewed.") Double viewed,
        @Description("Relative change of clicked.") Double clicked,
        @Description("Difference of viewRate.") Double viewRate,
        @Description("Difference of clickRate.") Double clickRate) {

    static PeriodChange between(PerformanceTotals now, PerformanceTotals before) {
        return new PeriodChange(relative(now.sent().longValue(), before.sent().longValue()),
                relative(now.viewed().longValue(), before.viewed().longValue()),
                relative(now.clicked().longValue(), before.clicked().longValue()),
                difference(now.viewRate(), before.viewRate()), difference(now.clickRate(), before.clickRate()));
    }

    private static Double relative(long now, long before) {
        return before == 0 ? null : (double) (now - before) / before;
    }

    private static Double difference(Double now, Double before) {
        return now == null || before == null ? null : now - before;
    }
}
