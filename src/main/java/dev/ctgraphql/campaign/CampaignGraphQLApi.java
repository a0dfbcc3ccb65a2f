package dev.ctgraphql.campaign;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import io.smallrye.graphql.api.Nullable;
import io.smallrye.mutiny.Uni;

import dev.ctgraphql.graphql.DateRange;
import dev.ctgraphql.graphql.OperationResult;
import dev.ctgraphql.upstream.CleverTapBadInputException;
import dev.ctgraphql.upstream.CleverTapConfig;

/** Campaigns, their reports, message reports per channel, and creating and stopping campaigns. */
@GraphQLApi
public class CampaignGraphQLApi {

    private final CampaignClient client;
    private final CleverTapConfig config;

    CampaignGraphQLApi(CampaignClient client, CleverTapConfig config) {
        this.client = client;
        this.config = config;
    }

    @Query
    @Description("Campaigns created through the API whose start lies in the range (up to a year; CleverTap does not list "
            + "dashboard campaigns).")
    public Uni<@NonNull List<@NonNull Campaign>> campaigns(
            @NonNull @Name("range") @Description("Start days to include.") DateRange range) {
        range.validate("range");
        return client.list(range.from(), range.to());
    }

    @Query
    @Description("One campaign by id, or null when no API campaign of the last four months or the next month has it.")
    public Uni<Campaign> campaign(@NonNull @Id @Name("id") @Description("CleverTap's campaign id.") String id) {
        checkId(id);
        return client.find(id);
    }

    @Query
    @Description("One API campaign's results straight from CleverTap's campaign report (ready is false until CleverTap "
            + "has them); no campaign list is searched.")
    public Uni<CampaignReport> campaignReport(@NonNull @Id @Name("id") @Description("CleverTap's campaign id.") String id) {
        checkId(id);
        return client.report(id);
    }

    @Query
    @Description("Sent, viewed and clicked per message over a range, optionally per day, filtered by channel and status.")
    public Uni<@NonNull List<@NonNull MessageReport>> messageReports(
            @NonNull @Name("range") @Description("Days to report on.") DateRange range,
            @Nullable @Name("channels") @Description("Only these channels (all when omitted).") List<@NonNull Channel> channels,
            @Nullable @Name("statuses") @Description("Only messages in these states (all when omitted).") List<@NonNull CampaignStatus> statuses,
            @Name("daily") @Description("Also give per-day results.") Boolean daily) {
        range.validate("range");
        Set<Channel> channelSet = EnumSet.noneOf(Channel.class);
        if (channels != null) {
            for (Channel channel : channels) {
                CleverTapBadInputException.check(channel.reportChannel() != null, "channels",
                        channel + " has no message reports in CleverTap");
                channelSet.add(channel);
            }
        }
        Set<CampaignStatus> statusSet = EnumSet.noneOf(CampaignStatus.class);
        if (statuses != null) {
            statusSet.addAll(statuses);
        }
        return client.messageReports(range.from(), range.to(), channelSet, statusSet, Boolean.TRUE.equals(daily));
    }

    @Mutation
    @Description("Creates a campaign through CleverTap's API (at most 3 per second are sent; more wait their turn), or "
            + "with estimateOnly only estimates its reach and creates nothing.")
    public Uni<CreateCampaignResult> createCampaign(
            @NonNull @Name("input") @Description("The campaign.") CampaignInput input,
            @Name("estimateOnly") @Description("Only estimate the reach; create nothing.") Boolean estimateOnly) {
        boolean estimate = Boolean.TRUE.equals(estimateOnly);
        var body = input.toRequest(config.timeZone(), Instant.now(), estimate);
        return client.create(input, body, estimate);
    }

    @Mutation
    @Description("Stops a scheduled or running API campaign. ok is false when CleverTap refused (unknown id, or the "
            + "campaign already finished).")
    public Uni<OperationResult> stopCampaign(
            @NonNull @Id @Name("id") @Description("CleverTap's campaign id.") String id) {
        checkId(id);
        return client.stop(id).map(stopped -> stopped
                ? new OperationResult(true, "Stopped campaign " + id)
                : new OperationResult(false, "CleverTap did not stop campaign " + id
                        + ": it is unknown, not an API campaign, or already finished"));
    }

    private static void checkId(String id) {
        CleverTapBadInputException.check(id != null && id.matches("\\d{1,18}"), "id",
                "must be a numeric CleverTap campaign id");
    }

    /** The report of each campaign, fetched together for a whole list of campaigns (batched to avoid N+1 resolution). */
    @Description("The campaign's results (cached; ready is false until CleverTap has them).")
    public Uni<List<CampaignReport>> report(@Source List<Campaign> campaigns) {
        return client.reports(campaigns);
    }
}
