package dev.ctgraphql.campaign;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

/** The event that counts as a campaign's conversion. */
@Input("ConversionGoalInput")
@Description("What counts as a conversion: the user does this event within some days of the message.")
public record ConversionGoalInput(
        @NonNull @Description("The conversion event, e.g. \"Charged\".") String eventName,
        @Description("Days after the message within which the event counts, 1 to 30 (CleverTap's default when omitted).") Integer withinDays,
        @Description("A numeric property of the event to sum as revenue, e.g. \"Amount\".") String revenueProperty) {
}
