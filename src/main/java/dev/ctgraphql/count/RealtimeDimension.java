package dev.ctgraphql.count;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Enum;

/** Splits of the real-time active-user count. */
@Enum("RealtimeDimension")
@Description("How to split the real-time count of users active in the last 5 minutes.")
public enum RealtimeDimension {
    USER_TYPE("user_type"), SESSION_SOURCE("session_source"), BROWSER("browser"), OS("os"), DEVICE("device");

    private final String wire;

    RealtimeDimension(String wire) {
        this.wire = wire;
    }

    String wire() {
        return wire;
    }
}
