package dev.ctgraphql.profile;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Enum;

/** Which kind of address a subscription change is about, with CleverTap's {@code type}. */
@Enum("SubscriptionChannel")
@Description("The kind of address whose subscription changes.")
public enum SubscriptionChannel {
    @Description("An email address.")
    EMAIL("email"), @Description("A phone number (SMS).")
    PHONE("phone"), @Description("A WhatsApp number.")
    WHATSAPP("whatsapp");

    private final String wire;

    SubscriptionChannel(String wire) {
        this.wire = wire;
    }

    String wire() {
        return wire;
    }
}
