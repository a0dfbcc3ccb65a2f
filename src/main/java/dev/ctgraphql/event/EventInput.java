package dev.ctgraphql.event;

import java.time.OffsetDateTime;

import jakarta.json.JsonValue;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

/** One event to upload. */
@Input("EventInput")
@Description("An event to record on a profile, identified by one of identity, objectId, fbid or gpid.")
public record EventInput(
        @Description("Your identity for the user (creates the profile when unknown).") String identity,
        @Id @Description("CleverTap's id of the user's device.") String objectId,
        @NonNull @Description("Event name, e.g. \"Charged\".") String name,
        @Description("When it happened; now when omitted.") OffsetDateTime occurredAt,
        @Description("Event properties (at most 256; keys up to 120 characters, strings up to 512 bytes).") JsonValue properties,
        @Description("The user's Facebook id, instead of identity or objectId.") String fbid,
        @Description("The user's Google Plus id, instead of identity or objectId.") String gpid) {
}
