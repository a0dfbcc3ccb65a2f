package dev.ctgraphql.profile;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Enum;

/** Unsubscribe or resubscribe, with CleverTap's {@code status}. */
@Enum("SubscriptionAction")
@Description("What to do with the address.")
public enum SubscriptionAction {
    @Description("Stop messages to the address, for every profile that has it.")
    UNSUBSCRIBE("Unsubscribe"), @Description("Allow messages to the address again.")
    RESUBSCRIBE("Resubscribe");

    private final String wire;

    SubscriptionAction(String wire) {
        this.wire = wire;
    }

    String wire() {
        return wire;
    }
}
