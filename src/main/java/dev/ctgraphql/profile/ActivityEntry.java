package dev.ctgraphql.profile;

import java.time.OffsetDateTime;

import jakarta.json.JsonValue;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** One event in a profile's activity timeline. */
@Type("ActivityEntry")
@Description("One thing the user did: an event with its time and properties.")
public record ActivityEntry(
        @NonNull @Description("Event name.") String eventName,
        @Description("When, in the project's time zone.") OffsetDateTime occurredAt,
        @Description("The event's properties.") JsonValue properties,
        @Description("The session's properties (source, UTM ...).") JsonValue sessionProperties) {
}
