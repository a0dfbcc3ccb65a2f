package dev.ctgraphql.campaign;

import java.time.OffsetDateTime;
import java.time.ZoneId;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ctgraphql.graphql.Node;
import dev.ctgraphql.upstream.CleverTapDates;

/** A campaign created through CleverTap's API. */
@Type("Campaign")
@Description("A campaign created through CleverTap's API (CleverTap does not list dashboard campaigns; see messageReports).")
public record Campaign(
        @NonNull @Id @Description("CleverTap's campaign (target) id.") String id,
        @Description("Campaign name.") String name,
        @Description("Lifecycle state.") CampaignStatus status,
        @Description("Channel, when CleverTap says.") Channel channel,
        @Description("When the campaign starts (or started).") OffsetDateTime scheduledAt) implements Node {

    /** The campaign's global id is its CleverTap id: existing clients keep reading {@code id} as they did. */
    @Override
    @NonNull
    @Id
    @Description("CleverTap's campaign (target) id, which is also its global id.")
    public String getId() {
        return id;
    }

    /** From one entry of {@code targets[]} in a campaign list. */
    static Campaign from(JsonNode target, ZoneId zone) {
        String mode = target.hasNonNull("target_mode")
                ? target.get("target_mode").asText()
                : target.path("channel").asText(null);
        return new Campaign(target.path("id").asText(), target.path("name").asText(null),
                CampaignStatus.parse(target.path("status").asText(null)), Channel.parse(mode),
                CleverTapDates.fromSchedule(target.path("scheduled_on").asText(null), zone));
    }
}
