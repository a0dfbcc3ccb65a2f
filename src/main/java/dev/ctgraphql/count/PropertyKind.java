package dev.ctgraphql.count;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Enum;

/** Families of properties CleverTap can group counts by. */
@Enum("PropertyKind")
@Description("Which family a property belongs to.")
public enum PropertyKind {
    @Description("A property of the event (e.g. Amount).")
    EVENT_PROPERTY("event_properties"), @Description("A property of the session (e.g. utm_source).")
    SESSION_PROPERTY("session_properties"), @Description("A profile property (e.g. Customer Type).")
    PROFILE_FIELD("profile_fields"), @Description("An app field (e.g. app version).")
    APP_FIELD("app_fields"), @Description("A demographic field (e.g. gender, age).")
    DEMOGRAPHIC("demographics"), @Description("A device or browser field (e.g. OS, make).")
    TECHNOGRAPHIC("technographics"), @Description("Whether the user can be reached on a channel.")
    REACHABILITY("reachability"), @Description("A location field (e.g. country, city).")
    GEO_FIELD("geo_fields");

    private final String wire;

    PropertyKind(String wire) {
        this.wire = wire;
    }

    /** CleverTap's {@code property_type}. */
    String wire() {
        return wire;
    }
}
