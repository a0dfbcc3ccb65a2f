package dev.ctgraphql.event;

import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import dev.ctgraphql.upstream.UploadChecks;
import dev.ctgraphql.upstream.UploadReader;

/**
 * Reads {@link EventInput}s from JSON into CleverTap's event record
 * {@code {"type":"event","identity"|"objectId"|"FBID"|"GPID","ts","evtName","evtData"}}, checked against CleverTap's limits as of
 * {@code now}. Not thread-safe: one per upload.
 */
final class EventRecords implements UploadReader {

    private static final String TYPE = "EventInput";

    private final Instant now;
    private final Output output = new Output();

    EventRecords(Instant now) {
        this.now = now;
    }

    @Override
    public Read read(JsonParser parser, String where) throws IOException {
        Fields.requireObject(parser, where, TYPE);
        JsonGenerator out = output.start();
        out.writeStartObject();
        out.writeStringField("type", "event");
        String identity = null;
        String objectId = null;
        String fbid = null;
        String gpid = null;
        String name = null;
        OffsetDateTime occurredAt = null;
        boolean withProperties = false;
        UploadChecks.Problem properties = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            switch (field) {
                case "identity" -> identity = Fields.string(parser, where, field);
                case "objectId" -> objectId = Fields.id(parser, where, field);
                case "fbid" -> fbid = Fields.string(parser, where, field);
                case "gpid" -> gpid = Fields.string(parser, where, field);
                case "name" -> name = Fields.string(parser, where, field);
                case "occurredAt" -> occurredAt = Fields.dateTime(parser, where, field);
                case "properties" -> {
                    if (parser.currentToken() != JsonToken.VALUE_NULL && !withProperties) {
                        withProperties = true;
                        out.writeFieldName("evtData");
                        properties = Fields.copyProperties(parser, out, "properties", 522);
                    } else {
                        parser.skipChildren();
                    }
                }
                default -> throw Fields.unknown(where, field, TYPE);
            }
        }
        if (name == null) {
            throw Fields.missing(where, "name");
        }
        UploadChecks.Problem problem = problem(identity, objectId, fbid, gpid, name, occurredAt);
        if (problem != null || properties != null) {
            return Read.refused(problem != null ? problem : properties);
        }
        String key = UploadChecks.identityKey(identity, objectId, fbid);
        out.writeStringField(key, identity != null ? identity : objectId != null ? objectId : fbid != null ? fbid : gpid);
        if (occurredAt != null) {
            out.writeNumberField("ts", occurredAt.toEpochSecond());
        }
        out.writeStringField("evtName", name);
        if (!withProperties) {
            out.writeFieldName("evtData");
            out.writeStartObject();
            out.writeEndObject();
        }
        out.writeEndObject();
        return Read.of(output.bytes(), identity, identity != null ? null : objectId, null);
    }

    /** Why this event cannot be sent (with CleverTap's code), or null. */
    private UploadChecks.Problem problem(String identity, String objectId, String fbid, String gpid, String name,
            OffsetDateTime occurredAt) {
        UploadChecks.Problem identityProblem = UploadChecks.identity(identity, objectId, fbid, gpid);
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
        return UploadChecks.eventTime(occurredAt, now);
    }
}
