package dev.ctgraphql.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code POST /1/upload}: validates each record with CleverTap's per-record codes (reference §1.5) and stores the valid
 * ones. Choices where the reference is silent: a key longer than 120 characters or a string value longer than 512 bytes
 * is 512 (invalid structure) for events and profiles alike; more than 256 event properties is 522; a timestamp must be
 * a positive integral number of epoch seconds (not a string, not milliseconds), else 525; a token's objectId must
 * belong to a known device (530) whose platform fits the token type (534: apns on iOS, fcm/gcm on Android, chrome/wns/
 * mpns on the web).
 */
final class SandboxUploads {

    static final int MAX_RECORDS = 1000;
    static final int MAX_TOKENS = 100;

    /** System events an upload may not raise (513). */
    static final Set<String> RESTRICTED = Set.of("Notification Sent", "Notification Viewed", "Notification Clicked",
            "App Installed", "App Uninstalled", "Channel Unsubscribed", "Segment Membership Change", "UTM Visited");

    private static final String[] IDENTITY_KEYS = {"identity", "objectId", "FBID", "GPID"};
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[A-Za-z]{2,}$");
    private static final Pattern PHONE = Pattern.compile("^\\+[1-9]\\d{6,14}$");
    private static final Pattern DATE = Pattern.compile("^\\$D_-?\\d{1,11}$");
    private static final Set<String> TOKEN_TYPES = Set.of("fcm", "apns", "gcm", "wns", "mpns", "chrome");
    private static final Set<String> EDUCATION = Set.of("School", "College", "Graduate");
    private static final ObjectNode NO_SESSION = SandboxJson.object();

    private record Rejection(int code, String error) {
    }

    private SandboxUploads() {
    }

    /** Refuses a body that is not {@code {"d":[...]}} or holds more records than CleverTap accepts in one request. */
    static void checkSize(ObjectNode body) {
        JsonNode records = body.get("d");
        if (records == null || !records.isArray()) {
            throw SandboxException.badRequest("Invalid payload: expected an object with a \"d\" array of records");
        }
        if (records.size() > MAX_RECORDS) {
            throw SandboxException.badRequest("Too many records: at most " + MAX_RECORDS + " records are allowed per request");
        }
        int tokens = 0;
        for (JsonNode record : records) {
            if ("token".equals(record.path("type").asText())) {
                tokens++;
            }
        }
        if (tokens > MAX_TOKENS) {
            throw SandboxException.badRequest("Too many device tokens: at most " + MAX_TOKENS + " are allowed per request");
        }
    }

    /** The per-record verdicts of an upload: the answer CleverTap would give and the positions of the valid records. */
    record Checked(ObjectNode answer, List<Integer> valid) {
    }

    /**
     * Validates every record without changing anything (so uploads can be checked concurrently) and writes the answer:
     * processed counts the valid records, unprocessed names the others with "Skipped record number : N".
     */
    static Checked check(SandboxData data, ObjectNode body) {
        checkSize(body);
        JsonNode records = body.get("d");
        ArrayNode unprocessed = SandboxJson.array();
        List<Integer> valid = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            JsonNode record = records.get(i);
            Rejection rejection = validate(data, record);
            if (rejection != null) {
                ObjectNode failure = unprocessed.addObject().put("status", "fail").put("code", rejection.code())
                        .put("error", rejection.error() + ".Skipped record number : " + (i + 1));
                failure.set("record", record);
                continue;
            }
            valid.add(i);
        }
        String status = unprocessed.isEmpty() ? "success" : valid.isEmpty() ? "fail" : "partial";
        ObjectNode answer = SandboxJson.object().put("status", status).put("processed", valid.size());
        answer.set("unprocessed", unprocessed);
        return new Checked(answer, valid);
    }

    /** Stores the records {@link #check} found valid. */
    static void store(SandboxData data, ObjectNode body, Checked checked, long now) {
        JsonNode records = body.get("d");
        for (int i : checked.valid()) {
            apply(data, (ObjectNode) records.get(i), now);
        }
    }

    // Validation

    private static Rejection validate(SandboxData data, JsonNode record) {
        if (!record.isObject()) {
            return new Rejection(524, "Data is neither event nor profile");
        }
        String type = record.path("type").asText("");
        return switch (type) {
            case "event" -> first(identity(record), timestamp(record), event(record));
            case "profile" -> first(identity(record), timestamp(record), profile(record));
            case "token" -> token(data, record);
            default -> new Rejection(524, "Data is neither event nor profile");
        };
    }

    private static Rejection first(Rejection... rejections) {
        for (Rejection rejection : rejections) {
            if (rejection != null) {
                return rejection;
            }
        }
        return null;
    }

    private static Rejection identity(JsonNode record) {
        boolean present = false;
        for (String key : IDENTITY_KEYS) {
            JsonNode value = record.get(key);
            if (value == null || value.isNull() || (value.isTextual() && value.textValue().isBlank())) {
                continue;
            }
            present = true;
            if ("objectId".equals(key) && !value.isTextual()) {
                return new Rejection(526, "objectId is invalid");
            }
            if (!value.isTextual() && !value.isIntegralNumber()) {
                return new Rejection(523, "Identity is invalid: " + key + " must be a string");
            }
        }
        return present ? null : new Rejection(523, "Identity is missing: one of identity, objectId, FBID or GPID is required");
    }

    private static Rejection timestamp(JsonNode record) {
        JsonNode ts = record.get("ts");
        if (ts == null || ts.isNull()) {
            return null;
        }
        if (!ts.isIntegralNumber() || ts.longValue() <= 0 || ts.longValue() >= 100_000_000_000L) {
            return new Rejection(525, "Timestamp should be present in the Unix Epoch format");
        }
        return null;
    }

    private static Rejection event(JsonNode record) {
        JsonNode name = record.get("evtName");
        if (name == null || name.isNull() || (name.isTextual() && name.textValue().isBlank())) {
            return new Rejection(509, "Event name is mandatory");
        }
        if (!name.isTextual()) {
            return new Rejection(512, "Invalid event structure: evtName must be a string");
        }
        if (RESTRICTED.contains(name.textValue())) {
            return new Rejection(513, "Event Name is incorrect. ErrorCode: 513 - Trying to raise a restricted system event");
        }
        JsonNode props = record.get("evtData");
        if (props == null || props.isNull()) {
            return null;
        }
        if (!props.isObject()) {
            return new Rejection(512, "Invalid event structure: evtData must be an object");
        }
        if (props.size() > 256) {
            return new Rejection(522, "Event property limit exceeded");
        }
        String problem = limits(props, 0);
        return problem == null ? null : new Rejection(512, "Invalid event structure: " + problem);
    }

    private static Rejection profile(JsonNode record) {
        JsonNode props = record.get("profileData");
        if (props == null || !props.isObject()) {
            return new Rejection(512, "Profile data is incorrect. profileData must be an object");
        }
        if (props.size() > 256) {
            return new Rejection(512, "Profile data is incorrect. At most 256 properties are allowed");
        }
        String problem = limits(props, 0);
        if (problem != null) {
            return new Rejection(512, "Profile data is incorrect. " + problem);
        }
        for (Map.Entry<String, JsonNode> field : props.properties()) {
            Rejection rejection = reserved(field.getKey(), field.getValue());
            if (rejection != null) {
                return rejection;
            }
        }
        return null;
    }

    private static Rejection reserved(String key, JsonNode value) {
        if (value.isNull()) {
            return null;
        }
        String text = value.isTextual() ? value.textValue() : null;
        return switch (key) {
            case "Name" -> text == null ? incorrect(512, "Name must be a string") : null;
            case "Email" -> text == null || !EMAIL.matcher(text).matches() ? incorrect(515, "Email is not valid") : null;
            case "Phone" -> text == null || !PHONE.matcher(text).matches() ? incorrect(516, "Phone number is not valid") : null;
            case "Gender" -> !"M".equals(text) && !"F".equals(text) ? incorrect(514, "Gender is not valid") : null;
            case "Employed" -> !"Y".equals(text) && !"N".equals(text) ? incorrect(517, "Employment status is not valid") : null;
            case "Education" -> text == null || !EDUCATION.contains(text)
                    ? incorrect(518, "Education status is not valid")
                    : null;
            case "Married" -> !"Y".equals(text) && !"N".equals(text) ? incorrect(519, "Marital status is not valid") : null;
            case "Age" -> !value.isIntegralNumber() || value.intValue() < 1 || value.intValue() > 150
                    ? incorrect(520, "Age is not valid")
                    : null;
            case "DOB" -> text == null || !DATE.matcher(text).matches() ? incorrect(520, "Date of birth is not valid") : null;
            case "MSG-email", "MSG-push", "MSG-sms", "MSG-whatsapp" -> !value.isBoolean()
                    ? incorrect(512, key + " must be a boolean")
                    : null;
            default -> null;
        };
    }

    private static Rejection incorrect(int code, String detail) {
        return new Rejection(code, "Profile data is incorrect. " + detail);
    }

    /** The first key over 120 characters or string value over 512 bytes, looking one level into lists and objects. */
    private static String limits(JsonNode object, int depth) {
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            if (field.getKey().length() > 120) {
                return "key '" + field.getKey().substring(0, 20) + "...' is longer than 120 characters";
            }
            String problem = valueLimits(field.getKey(), field.getValue(), depth);
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    private static String valueLimits(String key, JsonNode value, int depth) {
        if (value.isTextual() && value.textValue().getBytes(StandardCharsets.UTF_8).length > 512) {
            return "value of '" + key + "' is longer than 512 bytes";
        }
        if (depth < 2 && value.isObject()) {
            return limits(value, depth + 1);
        }
        if (depth < 2 && value.isArray()) {
            for (JsonNode element : value) {
                String problem = valueLimits(key, element, depth + 1);
                if (problem != null) {
                    return problem;
                }
            }
        }
        return null;
    }

    private static Rejection token(SandboxData data, JsonNode record) {
        JsonNode objectId = record.get("objectId");
        if (objectId == null || !objectId.isTextual() || objectId.textValue().isBlank()) {
            return new Rejection(530, "Invalid objectId");
        }
        SandboxProfile profile = data.byObjectId(objectId.textValue());
        SandboxDevice device = profile == null ? null : profile.device(objectId.textValue());
        if (device == null) {
            return new Rejection(530, "Invalid objectId: no device is known by it");
        }
        JsonNode tokenData = record.get("tokenData");
        if (tokenData == null || !tokenData.isObject()) {
            return new Rejection(531, "Invalid token data");
        }
        JsonNode id = tokenData.get("id");
        if (id == null || id.isNull() || (id.isTextual() && id.textValue().isBlank())) {
            return new Rejection(532, "Token id is missing");
        }
        JsonNode type = tokenData.get("type");
        if (type == null || type.isNull() || (type.isTextual() && type.textValue().isBlank())) {
            return new Rejection(533, "Token type is missing");
        }
        if (!id.isTextual() || !type.isTextual() || !TOKEN_TYPES.contains(type.textValue())) {
            return new Rejection(535, "Invalid token data: unsupported token type or id");
        }
        if (device.platform != null && !fits(type.textValue(), device.platform)) {
            return new Rejection(534, "Token type is not valid for the objectId");
        }
        return null;
    }

    private static boolean fits(String type, String platform) {
        return switch (type) {
            case "apns" -> "iOS".equals(platform);
            case "fcm", "gcm" -> "Android".equals(platform);
            default -> "Web".equals(platform);
        };
    }

    // Storing

    private static void apply(SandboxData data, ObjectNode record, long now) {
        switch (record.path("type").asText()) {
            case "event" -> {
                SandboxProfile profile = resolve(data, record, now);
                long ts = record.hasNonNull("ts") ? record.get("ts").longValue() : now;
                JsonNode props = record.get("evtData");
                // the request's tree is dropped once stored and nothing changes it: its evtData is kept as it is
                ObjectNode kept = props != null && props.isObject() ? (ObjectNode) props : SandboxJson.object();
                String objectId = text(record, "objectId");
                SandboxDevice device = objectId != null ? profile.device(objectId) : profile.primaryDevice();
                data.addEvent(new SandboxEvent(data.nextSeq(), data.eventName(record.get("evtName").textValue()), ts,
                        profile.objectId, kept, NO_SESSION), device);
            }
            case "profile" -> {
                SandboxProfile profile = resolve(data, record, now);
                for (Map.Entry<String, JsonNode> field : record.get("profileData").properties()) {
                    JsonNode value = field.getValue();
                    switch (field.getKey()) {
                        case "Name" -> profile.name = value.isNull() ? null : value.textValue();
                        case "Email" -> data.changeEmail(profile, value.isNull() ? null : value.textValue());
                        case "Phone" -> profile.phone = value.isNull() ? null : value.textValue();
                        default -> {
                            if (value.isNull()) {
                                profile.profileData.remove(field.getKey());
                            } else {
                                profile.profileData.set(field.getKey(), value.deepCopy());
                            }
                        }
                    }
                }
            }
            default -> {
                String objectId = record.get("objectId").textValue();
                SandboxDevice device = data.byObjectId(objectId).device(objectId);
                device.pushToken = record.get("tokenData").get("id").textValue();
                device.tokenType = record.get("tokenData").get("type").textValue();
            }
        }
    }

    /** The profile a record names (identity, then objectId, FBID, GPID), created when unknown, as CleverTap does. */
    private static SandboxProfile resolve(SandboxData data, JsonNode record, long now) {
        String identity = text(record, "identity");
        String objectId = text(record, "objectId");
        String fbid = text(record, "FBID");
        String gpid = text(record, "GPID");
        SandboxProfile profile = identity != null
                ? data.byIdentity(identity)
                : objectId != null ? data.byObjectId(objectId) : fbid != null ? data.byFbid(fbid) : data.byGpid(gpid);
        if (profile != null) {
            return profile;
        }
        boolean ownId = objectId != null && data.byObjectId(objectId) == null;
        profile = new SandboxProfile(data.nextSeq(), ownId ? objectId : newObjectId(data));
        profile.identity = identity;
        profile.fbid = fbid;
        profile.gpid = gpid;
        profile.createdAt = now;
        if (ownId) {
            profile.devices.add(new SandboxDevice(objectId));
        }
        data.addProfile(profile);
        return profile;
    }

    private static String newObjectId(SandboxData data) {
        return "__g" + Long.toHexString(data.ids.nextLong() | Long.MIN_VALUE)
                + Long.toHexString(data.ids.nextLong() | Long.MIN_VALUE);
    }

    private static String text(JsonNode record, String key) {
        JsonNode value = record.get(key);
        if (value == null || value.isNull()) {
            return null;
        }
        String text = value.isIntegralNumber() ? value.asText() : value.textValue();
        return text == null || text.isBlank() ? null : text;
    }
}
