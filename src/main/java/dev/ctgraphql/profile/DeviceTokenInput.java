package dev.ctgraphql.profile;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.ctgraphql.upstream.UploadChecks;

/** One push token to attach to a device. */
@Input("DeviceTokenInput")
@Description("A push token for a device already known to CleverTap (by its objectId).")
public record DeviceTokenInput(
        @NonNull @Id @Description("CleverTap's id of the device.") String objectId,
        @NonNull @Description("The token.") String token,
        @NonNull @Description("Token kind.") DeviceTokenType type) {

    /** Why this token cannot be sent (with CleverTap's code), or null. */
    UploadChecks.Problem problem() {
        if (objectId == null || objectId.isBlank()) {
            return new UploadChecks.Problem(530, "objectId is required");
        }
        if (token == null || token.isBlank()) {
            return new UploadChecks.Problem(532, "token is required");
        }
        if (token.length() > 4096) {
            return new UploadChecks.Problem(531, "token is longer than 4096 characters");
        }
        return null;
    }

    /** CleverTap's record: {@code {"type":"token","objectId","tokenData":{"id","type"}}}. */
    ObjectNode toRecord() {
        ObjectNode record = JsonNodeFactory.instance.objectNode();
        record.put("type", "token");
        record.put("objectId", objectId);
        record.putObject("tokenData").put("id", token).put("type", type.wire());
        return record;
    }
}
