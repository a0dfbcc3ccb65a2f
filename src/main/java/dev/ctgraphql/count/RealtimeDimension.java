package dev.ctgraphql.count;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Enum;

/** Splits of the real-time active-user count. */
@Enum("RealtimeDimension")
@Description("How to split the real-time count of users active in the last 5 minutes.")
public enum RealtimeDimension {
    @Description("New or returning users.")
    USER_TYPE("user_type"), @Description("Where the session came from.")
    SESSION_SOURCE("session_source"), @Description("Browser.")
    BROWSER("browser"), @Description("Operating system.")
    OS("os"), @Description("Device type.")
    DEVICE("device");

    private final String wire;

    RealtimeDimension(String wire) {
        this.wire = wire;
    }

    String wire() {
        return wire;
    }
}
