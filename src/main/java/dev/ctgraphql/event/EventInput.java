package dev.ctgraphql.event;

import java.time.Instant;
import java.time.OffsetDateTime;

import jakarta.json.JsonValue;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.ctgraphql.graphql.JsonValues;
import dev.ctgraphql.upstream.UploadChecks;

/** One event to upload. */
@Input("EventInput")
@Description("An event to record on a profile, identified by identity or objectId (one of them).")
public record EventInput(
        @Description("Your identity for the user (creates the profile when unknown).") String identity,
        @Id @Description("CleverTap's id of the user's device.") String objectId,
        @NonNull @Description("Event name, e.g. \"Charged\".") String name,
        @Description("When it happened; now when omitted.") OffsetDateTime occurredAt,
        @Description("Event properties (at most 256; keys up to 120 characters, strings up to 512 bytes).") JsonValue properties) {

    /** Why this event cannot be sent (with CleverTap's code), or null. */
    UploadChecks.Problem problem(Instant now) {
        UploadChecks.Problem identityProblem = UploadChecks.identity(identity, objectId);
        if (identityProblem != null) {
            return identityProblem;
        }
        if (name == null || name.isBlank()) {
            return new UploadChecks.Problem(509, "name is required");
        }
        if (name.length() > UploadChecks.MAX_KEY_CHARS) {
            return new UploadChecks.Problem(512, "name is longer than " + UploadChecks.MAX_KEY_CHARS + " characters");
        }
        if (UploadChecks.RESTRICTED_EVENTS.contains(name)) {
            return new UploadChecks.Problem(513, "name '" + name + "' is a restricted system event");
        }
        UploadChecks.Problem time = UploadChecks.eventTime(occurredAt, now);
        if (time != null) {
            return time;
        }
        return UploadChecks.properties(JsonValues.toWire(properties), "properties", 522);
    }

    /** CleverTap's upload record: {@code {"type":"event","identity"|"objectId","ts","evtName","evtData"}}. */
    ObjectNode toRecord() {
        ObjectNode record = JsonNodeFactory.instance.objectNode();
        record.put("type", "event");
        if (identity != null) {
            record.put("identity", identity);
        } else {
            record.put("objectId", objectId);
        }
        if (occurredAt != null) {
            record.put("ts", occurredAt.toEpochSecond());
        }
        record.put("evtName", name);
        JsonNode data = JsonValues.toWire(properties);
        record.set("evtData", data == null ? JsonNodeFactory.instance.objectNode() : data);
        return record;
    }
}
