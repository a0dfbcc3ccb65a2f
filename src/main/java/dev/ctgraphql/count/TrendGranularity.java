package dev.ctgraphql.count;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Enum;

/** Bucket size of a trend. */
@Enum("TrendGranularity")
@Description("Bucket size of a trend: a day, an ISO week (starting Monday) or a calendar month.")
public enum TrendGranularity {
    @Description("One bucket per day.")
    DAILY, @Description("One bucket per ISO week, starting Monday.")
    WEEKLY, @Description("One bucket per calendar month.")
    MONTHLY;

}
