package dev.ctgraphql.event;

import java.time.OffsetDateTime;
import java.time.ZoneId;

import jakarta.json.JsonValue;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ctgraphql.graphql.JsonValues;
import dev.ctgraphql.profile.Profile;
import dev.ctgraphql.upstream.CleverTapDates;

/** One occurrence of an event. */
@Type("Event")
@Description("One occurrence of an event, with the profile that did it (as the profile is today).")
public record Event(
        @NonNull @Description("Event name.") String name,
        @Description("When it happened.") OffsetDateTime occurredAt,
        @Description("The event's properties.") JsonValue properties,
        @Description("The session's properties (source, UTM ...).") JsonValue sessionProperties,
        @Description("Who did it; CleverTap gives the profile as it is today, not as it was then.") Profile profile) {

    /** From one export record; CleverTap does not echo the event name, so the query's is used. */
    static Event from(String eventName, JsonNode record, ZoneId zone) {
        JsonNode profile = record.path("profile");
        return new Event(eventName, CleverTapDates.fromEventTs(record.path("ts").asText(null), zone),
                JsonValues.toGraphQL(record.path("event_props")), JsonValues.toGraphQL(record.path("session_props")),
                profile.isObject() ? Profile.fromCleverTap(profile, zone) : null);
    }
}
