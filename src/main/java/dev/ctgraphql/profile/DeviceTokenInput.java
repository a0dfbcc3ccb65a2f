package dev.ctgraphql.profile;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

/** One push token to attach to a device. */
@Input("DeviceTokenInput")
@Description("A push token for a device already known to CleverTap (by its objectId).")
public record DeviceTokenInput(
        @NonNull @Id @Description("CleverTap's id of the device.") String objectId,
        @NonNull @Description("The token.") String token,
        @NonNull @Description("Token kind.") DeviceTokenType type) {
}
