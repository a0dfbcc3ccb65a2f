package dev.ctgraphql.profile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;

import dev.ctgraphql.upstream.UploadChecks;
import dev.ctgraphql.upstream.UploadReader;

/**
 * Reads {@link ProfileInput}s from JSON into CleverTap's profile record
 * {@code {"type":"profile","identity"|"objectId"|"FBID"|"GPID","profileData":{...}}} with the reserved keys Name, Email, Phone,
 * Gender, DOB ({@code $D_<epoch seconds>} at midnight in the project's zone) and MSG-*; typed fields win over custom
 * properties of the same name.
 */
final class ProfileRecords implements UploadReader {

    private static final String TYPE = "ProfileInput";
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s.]{2,}$");
    private static final Pattern PHONE = Pattern.compile("^\\+[1-9]\\d{6,14}$");

    private final ZoneId zone;
    private final LocalDate today;
    private final Output output = new Output();

    ProfileRecords(ZoneId zone) {
        this.zone = zone;
        this.today = LocalDate.now(zone);
    }

    @Override
    public Read read(JsonParser parser, String where) throws IOException {
        Fields.requireObject(parser, where, TYPE);
        String identity = null;
        String objectId = null;
        String fbid = null;
        String gpid = null;
        String name = null;
        String email = null;
        String phone = null;
        Gender gender = null;
        LocalDate dateOfBirth = null;
        Boolean[] optIns = new Boolean[4];
        JsonNode properties = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            switch (field) {
                case "identity" -> identity = Fields.string(parser, where, field);
                case "objectId" -> objectId = Fields.id(parser, where, field);
                case "fbid" -> fbid = Fields.string(parser, where, field);
                case "gpid" -> gpid = Fields.string(parser, where, field);
                case "name" -> name = Fields.string(parser, where, field);
                case "email" -> email = Fields.string(parser, where, field);
                case "phone" -> phone = Fields.string(parser, where, field);
                case "gender" -> gender = Fields.enumValue(parser, where, field, Gender.class);
                case "dateOfBirth" -> dateOfBirth = Fields.date(parser, where, field);
                case "emailOptIn" -> optIns[0] = Fields.bool(parser, where, field);
                case "pushOptIn" -> optIns[1] = Fields.bool(parser, where, field);
                case "smsOptIn" -> optIns[2] = Fields.bool(parser, where, field);
                case "whatsappOptIn" -> optIns[3] = Fields.bool(parser, where, field);
                case "properties" -> properties = Fields.json(parser);
                default -> throw Fields.unknown(where, field, TYPE);
            }
        }
        UploadChecks.Problem problem = problem(identity, objectId, fbid, gpid, name, email, phone, dateOfBirth, properties);
        if (problem != null) {
            return Read.refused(problem);
        }
        JsonGenerator out = output.start();
        out.writeStartObject();
        out.writeStringField("type", "profile");
        String key = UploadChecks.identityKey(identity, objectId, fbid);
        out.writeStringField(key, identity != null ? identity : objectId != null ? objectId : fbid != null ? fbid : gpid);
        out.writeObjectFieldStart("profileData");
        String[] typed = {"Name", name, "Email", email, "Phone", phone, "Gender", gender == null ? null : gender.wire(),
                "DOB", dateOfBirth == null ? null : "$D_" + dateOfBirth.atStartOfDay(zone).toEpochSecond()};
        String[] optInKeys = {"MSG-email", "MSG-push", "MSG-sms", "MSG-whatsapp"};
        if (properties != null) {
            for (Map.Entry<String, JsonNode> entry : properties.properties()) {
                if (!isSet(entry.getKey(), typed, optInKeys, optIns)) {
                    out.writeFieldName(entry.getKey());
                    out.writeTree(entry.getValue());
                }
            }
        }
        for (int i = 0; i < typed.length; i += 2) {
            if (typed[i + 1] != null) {
                out.writeStringField(typed[i], typed[i + 1]);
            }
        }
        for (int i = 0; i < optIns.length; i++) {
            if (optIns[i] != null) {
                out.writeBooleanField(optInKeys[i], optIns[i].booleanValue());
            }
        }
        out.writeEndObject();
        out.writeEndObject();
        String cachedEmail = email != null ? email : properties == null ? null : properties.path("Email").textValue();
        return Read.of(output.bytes(), identity, identity != null ? null : objectId, cachedEmail);
    }

    /** Why this profile cannot be sent (with CleverTap's code), or null. */
    private UploadChecks.Problem problem(String identity, String objectId, String fbid, String gpid, String name, String email,
            String phone,
            LocalDate dateOfBirth, JsonNode properties) {
        UploadChecks.Problem identityProblem = UploadChecks.identity(identity, objectId, fbid, gpid);
        if (identityProblem != null) {
            return identityProblem;
        }
        if (email != null && (email.length() > 254 || !EMAIL.matcher(email).matches())) {
            return new UploadChecks.Problem(515, "email '" + email + "' is not an email address");
        }
        if (phone != null && !PHONE.matcher(phone).matches()) {
            return new UploadChecks.Problem(516, "phone must be + country code and number, e.g. +14155551234");
        }
        if (dateOfBirth != null && (dateOfBirth.getYear() < 1900 || dateOfBirth.isAfter(today))) {
            return new UploadChecks.Problem(520, "dateOfBirth " + dateOfBirth + " is out of range (1900 to today)");
        }
        if (name != null && name.getBytes(StandardCharsets.UTF_8).length > UploadChecks.MAX_VALUE_BYTES) {
            return new UploadChecks.Problem(512, "name is longer than " + UploadChecks.MAX_VALUE_BYTES + " bytes");
        }
        return UploadChecks.properties(properties, "properties", 512);
    }

    /** Whether a typed field sets this reserved key (typed fields win over custom properties of the same name). */
    private static boolean isSet(String key, String[] typed, String[] optInKeys, Boolean[] optIns) {
        for (int i = 0; i < typed.length; i += 2) {
            if (typed[i].equals(key) && typed[i + 1] != null) {
                return true;
            }
        }
        for (int i = 0; i < optInKeys.length; i++) {
            if (optInKeys[i].equals(key) && optIns[i] != null) {
                return true;
            }
        }
        return false;
    }
}
