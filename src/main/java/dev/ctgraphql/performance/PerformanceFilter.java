package dev.ctgraphql.performance;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

import io.smallrye.graphql.api.Nullable;

import dev.ctgraphql.campaign.CampaignStatus;
import dev.ctgraphql.campaign.Channel;

/** Which messages count towards channel performance. */
@Input("PerformanceFilter")
@Description("Which messages to include; every list is optional (all when omitted) and matches any of its values.")
public record PerformanceFilter(
        @Nullable @Description("Only these channels (each must have message reports).") List<@NonNull Channel> channels,
        @Nullable @Description("Only messages in these states.") List<@NonNull CampaignStatus> statuses,
        @Nullable @Description("Only these delivery types.") List<@NonNull DeliveryType> deliveryTypes,
        @Nullable @Description("Only campaigns with one of these labels.") List<@NonNull String> labels) {

    /** Most labels one filter may name. */
    static final int MAX_LABELS = 50;
}
