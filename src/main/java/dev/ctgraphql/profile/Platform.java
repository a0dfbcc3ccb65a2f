package dev.ctgraphql.profile;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Type;

/** One device or browser a profile uses. */
@Type("Platform")
@Description("A device or browser of the profile, as CleverTap's SDK reported it.")
public record Platform(
        @Description("Android, iOS, Web ...") String platform,
        @Description("Operating system version.") String osVersion,
        @Description("App version.") String appVersion,
        @Description("Device maker.") String make,
        @Description("Device model.") String model,
        @Description("CleverTap id of this device.") String objectId,
        @Description("Last seen on this device.") OffsetDateTime lastSeen) {
}
