package dev.ctgraphql.campaign;

import java.util.Locale;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Enum;

/** Lifecycle states of a campaign. */
@Enum("CampaignStatus")
@Description("Where a campaign is in its lifecycle.")
public enum CampaignStatus {
    DRAFT, SCHEDULED, PENDING, RUNNING, PAUSED, STOPPED, COMPLETED;

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
