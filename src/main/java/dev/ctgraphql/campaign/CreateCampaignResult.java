package dev.ctgraphql.campaign;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Type;

import dev.ctgraphql.graphql.GraphQLLong;

/** What createCampaign did. */
@Type("CreateCampaignResult")
@Description("The created campaign (null with estimateOnly) and CleverTap's estimate of its reach when given.")
public record CreateCampaignResult(
        @Description("The new campaign; null when only estimating.") Campaign campaign,
        @Description("Users CleverTap expects to reach.") GraphQLLong estimatedReach) {
}
