package dev.ctgraphql.performance;

import java.util.Locale;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Enum;

/** How a campaign is triggered, as CleverTap's message reports filter it ({@code delivery[]}, reference §5.8). */
@Enum("DeliveryType")
@Description("How a message is triggered: one time, on an action, on inaction, recurring, on a date property, or by API.")
public enum DeliveryType {
    ONE_TIME, INACTION, ACTION, RECURRING, PROPERTY_TIME, API;

    /** CleverTap's spelling. */
    String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
