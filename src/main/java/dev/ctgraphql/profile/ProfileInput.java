package dev.ctgraphql.profile;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.json.JsonValue;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.ctgraphql.graphql.JsonValues;
import dev.ctgraphql.upstream.UploadChecks;

/** One profile to create or update. */
@Input("ProfileInput")
@Description("A profile to create or update, identified by identity or objectId (one of them). Fields left out are "
        + "left unchanged.")
public record ProfileInput(
        @Description("Your identity for the user (creates the profile when unknown).") String identity,
        @Id @Description("CleverTap's id of the user's device.") String objectId,
        @Description("Full name.") String name,
        @Description("Email address.") String email,
        @Description("Phone number with country code, e.g. +14155551234.") String phone,
        @Description("Gender.") Gender gender,
        @Description("Date of birth.") LocalDate dateOfBirth,
        @Description("Whether the user may get email (CleverTap's MSG-email).") Boolean emailOptIn,
        @Description("Whether the user may get push notifications (MSG-push).") Boolean pushOptIn,
        @Description("Whether the user may get SMS (MSG-sms).") Boolean smsOptIn,
        @Description("Whether the user may get WhatsApp messages (MSG-whatsapp).") Boolean whatsappOptIn,
        @Description("Custom properties (at most 256 keys of up to 120 characters; strings up to 512 bytes).") JsonValue properties) {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s.]{2,}$");
    private static final Pattern PHONE = Pattern.compile("^\\+[1-9]\\d{6,14}$");

    /** Why this profile cannot be sent (with CleverTap's code), or null. */
    UploadChecks.Problem problem(LocalDate today) {
        UploadChecks.Problem identityProblem = UploadChecks.identity(identity, objectId);
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
        if (name != null && name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > UploadChecks.MAX_VALUE_BYTES) {
            return new UploadChecks.Problem(512, "name is longer than " + UploadChecks.MAX_VALUE_BYTES + " bytes");
        }
        return UploadChecks.properties(JsonValues.toWire(properties), "properties", 512);
    }

    /**
     * CleverTap's record: {@code {"type":"profile","identity"|"objectId","profileData":{...}}} with the reserved keys
     * Name, Email, Phone, Gender, DOB ({@code $D_<epoch seconds>} at midnight in the project's zone) and MSG-*; typed
     * fields win over custom properties of the same name.
     */
    ObjectNode toRecord(ZoneId zone) {
        ObjectNode record = JsonNodeFactory.instance.objectNode();
        record.put("type", "profile");
        if (identity != null) {
            record.put("identity", identity);
        } else {
            record.put("objectId", objectId);
        }
        ObjectNode data = record.putObject("profileData");
        JsonNode custom = JsonValues.toWire(properties);
        if (custom != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = custom.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> entry = it.next();
                data.set(entry.getKey(), entry.getValue());
            }
        }
        putIfSet(data, "Name", name);
        putIfSet(data, "Email", email);
        putIfSet(data, "Phone", phone);
        if (gender != null) {
            data.put("Gender", gender.wire());
        }
        if (dateOfBirth != null) {
            data.put("DOB", "$D_" + dateOfBirth.atStartOfDay(zone).toEpochSecond());
        }
        putIfSet(data, "MSG-email", emailOptIn);
        putIfSet(data, "MSG-push", pushOptIn);
        putIfSet(data, "MSG-sms", smsOptIn);
        putIfSet(data, "MSG-whatsapp", whatsappOptIn);
        return record;
    }

    private static void putIfSet(ObjectNode data, String key, String value) {
        if (value != null) {
            data.put(key, value);
        }
    }

    private static void putIfSet(ObjectNode data, String key, Boolean value) {
        if (value != null) {
            data.put(key, value.booleanValue());
        }
    }
}
