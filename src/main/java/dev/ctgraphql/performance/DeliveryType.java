package dev.ctgraphql.performance;

import java.util.Locale;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Enum;

/** How a campaign is triggered, as CleverTap's message reports filter it ({@code delivery[]}, reference §5.8). */
@Enum("DeliveryType")
@Description("How a message is triggered: one time, on an action, on inaction, recurring, on a date property, or by API.")
public enum DeliveryType {
    @Description("Sent once, at a set time.")
    ONE_TIME, @Description("Triggered when a user did not do something.")
    INACTION, @Description("Triggered by a user action (live behaviour).")
    ACTION, @Description("Sent on a repeating schedule.")
    RECURRING, @Description("Triggered by a date property (e.g. a birthday).")
    PROPERTY_TIME, @Description("Created or triggered through the API.")
    API;

    /** CleverTap's spelling. */
    String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
