package dev.ctgraphql.event;

import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.ctgraphql.upstream.UploadChecks;
import dev.ctgraphql.upstream.UploadReader;

/**
 * Reads {@link EventInput}s from JSON into CleverTap's event record
 * {@code {"type":"event","identity"|"objectId","ts","evtName","evtData"}}, checked against CleverTap's limits as of
 * {@code now}.
 */
final class EventRecords implements UploadReader {

    private static final String TYPE = "EventInput";

    private final Instant now;

    EventRecords(Instant now) {
        this.now = now;
    }

    @Override
    public Read read(JsonParser parser, String where) throws IOException {
        Fields.requireObject(parser, where, TYPE);
        String identity = null;
        String objectId = null;
        String name = null;
        OffsetDateTime occurredAt = null;
        JsonNode properties = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            switch (field) {
                case "identity" -> identity = Fields.string(parser, where, field);
                case "objectId" -> objectId = Fields.id(parser, where, field);
                case "name" -> name = Fields.string(parser, where, field);
                case "occurredAt" -> occurredAt = Fields.dateTime(parser, where, field);
                case "properties" -> properties = Fields.json(parser);
                default -> throw Fields.unknown(where, field, TYPE);
            }
        }
        if (name == null) {
            throw Fields.missing(where, "name");
        }
        UploadChecks.Problem problem = problem(identity, objectId, name, occurredAt, properties);
        if (problem != null) {
            return Read.refused(problem);
        }
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
        record.set("evtData", properties == null ? JsonNodeFactory.instance.objectNode() : properties);
        return Read.of(record);
    }

    /** Why this event cannot be sent (with CleverTap's code), or null. */
    private UploadChecks.Problem problem(String identity, String objectId, String name, OffsetDateTime occurredAt,
            JsonNode properties) {
        UploadChecks.Problem identityProblem = UploadChecks.identity(identity, objectId);
        if (identityProblem != null) {
            return identityProblem;
        }
        if (name.isBlank()) {
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
        return UploadChecks.properties(properties, "properties", 522);
    }
}
