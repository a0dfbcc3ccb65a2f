package dev.ctgraphql.profile;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.ctgraphql.upstream.UploadChecks;

/** One address to unsubscribe or resubscribe. */
@Input("SubscriptionChangeInput")
@Description("An email address, phone or WhatsApp number to unsubscribe or resubscribe (for every profile that has it).")
public record SubscriptionChangeInput(
        @NonNull @Description("Kind of address.") SubscriptionChannel channel,
        @NonNull @Description("The address: an email, or a phone number with country code (+14155551234).") String value,
        @NonNull @Description("Unsubscribe or resubscribe.") SubscriptionAction action) {

    static final String PHONE = "\\+\\d{6,15}";

    /** Why CleverTap would refuse it, or null (code 515 email invalid, 516 phone invalid, as for uploads). */
    UploadChecks.Problem problem() {
        if (value == null || value.isBlank()) {
            return new UploadChecks.Problem(channel == SubscriptionChannel.EMAIL ? 515 : 516, "value is empty");
        }
        if (channel == SubscriptionChannel.EMAIL) {
            return value.indexOf('@') > 0 && value.length() <= 254
                    ? null
                    : new UploadChecks.Problem(515, "value is not an email address");
        }
        return value.trim().matches(PHONE)
                ? null
                : new UploadChecks.Problem(516, "value is not a phone number with country code (+ and 6 to 15 digits)");
    }

    ObjectNode toRecord() {
        return JsonNodeFactory.instance.objectNode().put("type", channel.wire()).put("value", value.trim())
                .put("status", action.wire());
    }
}
