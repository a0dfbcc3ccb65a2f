package dev.ctgraphql.profile;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import dev.ctgraphql.upstream.UploadChecks;
import dev.ctgraphql.upstream.UploadReader;

/** Reads {@link DeviceTokenInput}s from JSON into CleverTap's {@code {"type":"token","objectId","tokenData":{"id","type"}}}. */
final class TokenRecords implements UploadReader {

    private static final String TYPE = "DeviceTokenInput";

    private final Output output = new Output();

    @Override
    public Read read(JsonParser parser, String where) throws IOException {
        Fields.requireObject(parser, where, TYPE);
        String objectId = null;
        String token = null;
        DeviceTokenType type = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            switch (field) {
                case "objectId" -> objectId = Fields.id(parser, where, field);
                case "token" -> token = Fields.string(parser, where, field);
                case "type" -> type = Fields.enumValue(parser, where, field, DeviceTokenType.class);
                default -> throw Fields.unknown(where, field, TYPE);
            }
        }
        if (objectId == null) {
            throw Fields.missing(where, "objectId");
        }
        if (token == null) {
            throw Fields.missing(where, "token");
        }
        if (type == null) {
            throw Fields.missing(where, "type");
        }
        UploadChecks.Problem problem = problem(objectId, token);
        if (problem != null) {
            return Read.refused(problem);
        }
        JsonGenerator out = output.start();
        out.writeStartObject();
        out.writeStringField("type", "token");
        out.writeStringField("objectId", objectId);
        out.writeObjectFieldStart("tokenData");
        out.writeStringField("id", token);
        out.writeStringField("type", type.wire());
        out.writeEndObject();
        out.writeEndObject();
        return Read.of(output.bytes(), null, objectId, null);
    }

    /** Why this token cannot be sent (with CleverTap's code), or null. */
    private static UploadChecks.Problem problem(String objectId, String token) {
        if (objectId.isBlank()) {
            return new UploadChecks.Problem(530, "objectId is required");
        }
        if (token.isBlank()) {
            return new UploadChecks.Problem(532, "token is required");
        }
        if (token.length() > 4096) {
            return new UploadChecks.Problem(531, "token is longer than 4096 characters");
        }
        return null;
    }
}
