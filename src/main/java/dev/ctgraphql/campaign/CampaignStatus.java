package dev.ctgraphql.campaign;

import java.util.Locale;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Enum;

/** Lifecycle states of a campaign. */
@Enum("CampaignStatus")
@Description("Where a campaign is in its lifecycle.")
public enum CampaignStatus {
    @Description("Saved but not scheduled.")
    DRAFT, @Description("Waiting for its start time.")
    SCHEDULED, @Description("Accepted by CleverTap, not started yet.")
    PENDING, @Description("Sending now.")
    RUNNING, @Description("Paused; may resume.")
    PAUSED, @Description("Stopped before it completed.")
    STOPPED, @Description("Finished sending; its report is final.")
    COMPLETED;

    /** CleverTap's spelling in filters. */
    String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads CleverTap's status text; null when unknown. */
    static CampaignStatus parse(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
