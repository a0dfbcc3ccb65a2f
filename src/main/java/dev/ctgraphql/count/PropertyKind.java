package dev.ctgraphql.count;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Enum;

/** Families of properties CleverTap can group counts by. */
@Enum("PropertyKind")
@Description("Which family a property belongs to.")
public enum PropertyKind {
    EVENT_PROPERTY("event_properties"), SESSION_PROPERTY("session_properties"), PROFILE_FIELD("profile_fields"), APP_FIELD(
            "app_fields"), DEMOGRAPHIC(
                    "demographics"), TECHNOGRAPHIC("technographics"), REACHABILITY("reachability"), GEO_FIELD("geo_fields");

    private final String wire;

    PropertyKind(String wire) {
        this.wire = wire;
    }

    /** CleverTap's {@code property_type}. */
    String wire() {
        return wire;
    }
}
