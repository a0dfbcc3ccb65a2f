package dev.ctgraphql.upstream;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * CleverTap's limits on uploaded records, checked before sending so a bad record is reported at once with the code
 * CleverTap would give it and never costs an upstream call.
 */
public final class UploadChecks {

    /** Longest property key, in characters. */
    public static final int MAX_KEY_CHARS = 120;
    /** Longest string value, in UTF-8 bytes. */
    public static final int MAX_VALUE_BYTES = 512;
    /** Most properties of one event, and most custom profile keys. */
    public static final int MAX_PROPERTIES = 256;
    /** Earliest accepted event time. */
    public static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

    /** System events an upload may not raise (CleverTap answers 513). */
    public static final Set<String> RESTRICTED_EVENTS = Set.of("Notification Sent", "Notification Viewed",
            "Notification Clicked", "App Installed", "App Uninstalled", "Channel Unsubscribed", "Segment Membership Change",
            "UTM Visited");

    private UploadChecks() {
    }

    /** A reason a record cannot be sent: CleverTap's code for it and a message naming the field. */
    public record Problem(int code, String message) {
    }

    /**
     * Checks a properties object: an object, at most 256 keys of at most 120 characters, string values (also inside
     * lists and nested objects such as Charged's Items) of at most 512 bytes. {@code limitCode} is the code for too many
     * keys (522 for events).
     */
    public static Problem properties(JsonNode properties, String field, int limitCode) {
        if (properties == null) {
            return null;
        }
        if (!properties.isObject()) {
            return new Problem(512, field + " must be a JSON object");
        }
        if (properties.size() > MAX_PROPERTIES) {
            return new Problem(limitCode, field + " has " + properties.size() + " keys; at most " + MAX_PROPERTIES);
        }
        return values(properties, field);
    }

    /** Checks a property key: 1 to 120 characters, not blank. */
    public static Problem key(String key, String field) {
        if (key.isBlank() || key.length() > MAX_KEY_CHARS) {
            return new Problem(512, field + " key '" + abbreviate(key) + "' must have 1 to " + MAX_KEY_CHARS + " characters");
        }
        return null;
    }

    private static Problem values(JsonNode node, String field) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> entry = it.next();
                Problem key = key(entry.getKey(), field);
                if (key != null) {
                    return key;
                }
                Problem nested = values(entry.getValue(), field + "." + entry.getKey());
                if (nested != null) {
                    return nested;
                }
            }
        } else if (node.isArray()) {
            int i = 0;
            for (JsonNode item : node) {
                Problem nested = values(item, field + "[" + i++ + "]");
                if (nested != null) {
                    return nested;
                }
            }
        } else if (node.isTextual() && node.asText().getBytes(StandardCharsets.UTF_8).length > MAX_VALUE_BYTES) {
            return new Problem(512, field + " is longer than " + MAX_VALUE_BYTES + " bytes");
        }
        return null;
    }

    /**
     * Checks a record's identity: exactly one of identity, objectId, FBID and GPID (CleverTap's four identifiers), not
     * blank (523 when missing).
     */
    public static Problem identity(String identity, String objectId, String fbid, String gpid) {
        int given = (identity != null ? 1 : 0) + (objectId != null ? 1 : 0) + (fbid != null ? 1 : 0) + (gpid != null ? 1 : 0);
        if (given == 0) {
            return new Problem(523, "one of identity, objectId, fbid or gpid is required");
        }
        if (given > 1) {
            return new Problem(512, "give only one of identity, objectId, fbid and gpid");
        }
        String name = identity != null ? "identity" : objectId != null ? "objectId" : fbid != null ? "fbid" : "gpid";
        String value = identity != null ? identity : objectId != null ? objectId : fbid != null ? fbid : gpid;
        if (value.isBlank() || value.length() > 1024) {
            return new Problem(objectId != null ? 526 : 523, name + " must not be empty");
        }
        return null;
    }

    /** CleverTap's key for the one identifier a checked record has: identity, objectId, FBID or GPID. */
    public static String identityKey(String identity, String objectId, String fbid) {
        return identity != null ? "identity" : objectId != null ? "objectId" : fbid != null ? "FBID" : "GPID";
    }

    /** Checks an event time: not before 2000 and not more than a day ahead (525 otherwise). */
    public static Problem eventTime(OffsetDateTime at, Instant now) {
        if (at == null) {
            return null;
        }
        Instant instant = at.toInstant();
        if (instant.isBefore(EARLIEST) || instant.isAfter(now.plusSeconds(86_400))) {
            return new Problem(525, "occurredAt " + at + " is out of range (2000-01-01 to one day ahead)");
        }
        return null;
    }

    private static String abbreviate(String key) {
        return key.length() > 40 ? key.substring(0, 40) + "…" : key;
    }
}
