package dev.ctgraphql.webhook;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ctgraphql.graphql.JsonValues;

/**
 * Reads CleverTap's webhook bodies (reference §8.2): the broadcast form with {@code profiles} as an array and the
 * per-user form with one {@code profiles} object. CleverTap's own samples spell keys both {@code objectId} and
 * {@code ObjectId}, {@code event_properties} and {@code Event_properties}, so keys are matched ignoring case (and
 * underscores, in case a sample writes {@code targetId} as {@code target_id}).
 */
final class WebhookPayload {

    private WebhookPayload() {
    }

    /** A body that is JSON but not a webhook call. */
    static final class MalformedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MalformedException(String message) {
            super(message, null, false, false);
        }
    }

    static WebhookDelivery read(JsonNode body, String id, OffsetDateTime receivedAt) {
        if (!body.isObject()) {
            throw new MalformedException("the body must be a JSON object");
        }
        JsonNode profilesNode = field(body, "profiles");
        List<WebhookProfile> profiles = new ArrayList<>();
        boolean broadcast;
        if (profilesNode == null || profilesNode.isNull()) {
            broadcast = false;
        } else if (profilesNode.isArray()) {
            broadcast = true;
            for (JsonNode profile : profilesNode) {
                if (!profile.isObject()) {
                    throw new MalformedException("profiles must hold objects");
                }
                profiles.add(profile(profile));
            }
        } else if (profilesNode.isObject()) {
            broadcast = false;
            profiles.add(profile(profilesNode));
        } else {
            throw new MalformedException("profiles must be an object or an array of objects");
        }
        JsonNode target = field(body, "targetId");
        if (target != null && !target.isNull() && !target.isValueNode()) {
            throw new MalformedException("targetId must be a number or a string");
        }
        JsonNode test = field(body, "is_test");
        return new WebhookDelivery(id, receivedAt, text(target), test != null && test.asBoolean(false), broadcast,
                json(field(body, "key_values")), List.copyOf(profiles));
    }

    private static WebhookProfile profile(JsonNode profile) {
        List<String> identities = new ArrayList<>();
        JsonNode all = field(profile, "all_identities");
        if (all != null && all.isArray()) {
            all.forEach(identity -> {
                if (identity.isValueNode() && !identity.isNull()) {
                    identities.add(identity.asText());
                }
            });
        }
        return new WebhookProfile(text(field(profile, "identity")), text(field(profile, "email")),
                text(field(profile, "objectId")), text(field(profile, "name")), text(field(profile, "phone")),
                text(field(profile, "push_token")), List.copyOf(identities), json(field(profile, "key_values")),
                json(field(profile, "profileData")), json(field(profile, "systemProfileData")),
                json(field(profile, "event_properties")));
    }

    /** The value of the first key equal to {@code name} ignoring case and underscores, or null. */
    static JsonNode field(JsonNode object, String name) {
        JsonNode exact = object.get(name);
        if (exact != null) {
            return exact;
        }
        String wanted = normal(name);
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (normal(entry.getKey()).equals(wanted)) {
                return entry.getValue();
            }
        }
        return null;
    }

    private static String normal(String key) {
        return key.replace("_", "").toLowerCase(Locale.ROOT);
    }

    private static String text(JsonNode value) {
        return value == null || value.isNull() || !value.isValueNode() ? null : value.asText();
    }

    private static jakarta.json.JsonValue json(JsonNode value) {
        return value == null || value.isNull() ? null : JsonValues.toGraphQL(value);
    }
}
