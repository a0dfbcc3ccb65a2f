package dev.ctgraphql.performance;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import io.smallrye.mutiny.Uni;

import dev.ctgraphql.campaign.CampaignClient;
import dev.ctgraphql.campaign.CampaignStatus;
import dev.ctgraphql.campaign.Channel;
import dev.ctgraphql.campaign.MessageReport;
import dev.ctgraphql.graphql.DateRange;
import dev.ctgraphql.upstream.CleverTapBadInputException;

/**
 * Channel performance (Push, Email, SMS, WhatsApp, In-App ... performance views): totals, daily series, rates and
 * period comparison, summed from CleverTap's message reports through the campaign client and its cache.
 */
@GraphQLApi
public class PerformanceGraphQLApi {

    private final CampaignClient campaigns;

    PerformanceGraphQLApi(CampaignClient campaigns) {
        this.campaigns = campaigns;
    }

    @Query
    @Description("Sent, viewed and clicked with rates, per channel and overall, with a daily series, and with compare "
            + "the previous period of the same length (e.g. these 7 days against the 7 before).")
    public Uni<@NonNull PerformanceReport> channelPerformance(
            @NonNull @Name("range") @Description("Days to report on.") DateRange range,
            @Name("filter") @Description("Which messages to include (all when omitted).") PerformanceFilter filter,
            @Name("compare") @DefaultValue("true") @Description("Also report the previous period and the change.") boolean compare) {
        range.validate("range");
        PerformanceFilter f = filter == null ? new PerformanceFilter(null, null, null, null) : filter;
        Set<Channel> channels = f.channels() == null
                ? EnumSet.noneOf(Channel.class)
                : EnumSet.copyOf(nonEmpty(f.channels(), Channel.class));
        Set<CampaignStatus> statuses = f.statuses() == null
                ? EnumSet.noneOf(CampaignStatus.class)
                : EnumSet.copyOf(nonEmpty(f.statuses(), CampaignStatus.class));
        Set<String> deliveries = new TreeSet<>();
        if (f.deliveryTypes() != null) {
            f.deliveryTypes().forEach(type -> deliveries.add(type.wire()));
        }
        Set<String> labels = labels(f.labels());
        LocalDate previousTo = range.from().minusDays(1);
        LocalDate previousFrom = previousTo.minusDays(ChronoUnit.DAYS.between(range.from(), range.to()));
        Uni<List<MessageReport>> current = campaigns.messageReports(range.from(), range.to(), channels, statuses, deliveries,
                labels, true);
        if (!compare) {
            return current.map(reports -> PerformanceAggregation.report(range.from(), range.to(), reports, null, null, null));
        }
        Uni<List<MessageReport>> previous = campaigns.messageReports(previousFrom, previousTo, channels, statuses, deliveries,
                labels, false);
        return Uni.combine().all().unis(current, previous).asTuple().map(both -> PerformanceAggregation.report(range.from(),
                range.to(), both.getItem1(), previousFrom, previousTo, both.getItem2()));
    }

    /** An empty list would mean "match nothing" to a reader but "no filter" to CleverTap: refuse it. */
    private static <T> List<T> nonEmpty(List<T> values, Class<T> type) {
        CleverTapBadInputException.check(!values.isEmpty(), "filter." + (type == Channel.class ? "channels" : "statuses"),
                "must not be empty (omit it for all)");
        return values;
    }

    private static Set<String> labels(List<String> labels) {
        Set<String> set = new TreeSet<>();
        if (labels == null) {
            return set;
        }
        CleverTapBadInputException.check(labels.size() <= PerformanceFilter.MAX_LABELS, "filter.labels",
                "has more than " + PerformanceFilter.MAX_LABELS + " labels");
        for (int i = 0; i < labels.size(); i++) {
            String label = labels.get(i);
            CleverTapBadInputException.check(label != null && !label.isBlank() && label.length() <= 200,
                    "filter.labels[" + i + "]", "must not be empty");
            set.add(label.trim());
        }
        return set;
    }
}
