package dev.ctgraphql.profile;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import jakarta.json.JsonValue;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ctgraphql.graphql.GlobalIds;
import dev.ctgraphql.graphql.GraphQLLong;
import dev.ctgraphql.graphql.JsonValues;
import dev.ctgraphql.graphql.Node;
import dev.ctgraphql.upstream.CleverTapDates;

/** A CleverTap user profile. */
@Type("Profile")
@Description("A user profile: identity, contact fields, custom properties, devices and event history summary.")
public record Profile(
        @Id @Description("CleverTap's id (of the profile's first device when it has several).") String objectId,
        @Description("Your identity for the user.") String identity,
        @Description("Email address.") String email,
        @Description("Full name.") String name,
        @Description("Phone number with country code.") String phone,
        @Description("Custom profile properties.") JsonValue properties,
        @NonNull @Description("Devices and browsers.") List<@NonNull Platform> platforms,
        @NonNull @Description("Per event: how often and when, most frequent first.") List<@NonNull EventSummary> eventSummary)
        implements
            Node {

    /** Kinds of key a profile's global id holds, so that node(id:) can fetch it again by the same key. */
    static final String BY_OBJECT_ID = "o:";
    static final String BY_IDENTITY = "i:";
    static final String BY_EMAIL = "e:";

    /** Global id: by objectId when the profile has one, else by identity, else by email. */
    @Override
    @NonNull
    @Id
    @Description("Global id, for node(id:).")
    public String getId() {
        String key = objectId != null
                ? BY_OBJECT_ID + objectId
                : identity != null
                        ? BY_IDENTITY + identity
                        : BY_EMAIL + (email == null ? "" : email);
        return GlobalIds.encode("Profile", key);
    }

    /**
     * From a CleverTap profile record (Get Profile, Get Profiles) or the {@code profile} block of an event record,
     * which carries one device's fields inline ({@code platform}, {@code os_version} ...) instead of
     * {@code platformInfo[]}.
     */
    public static Profile fromCleverTap(JsonNode record, ZoneId zone) {
        List<Platform> platforms = new ArrayList<>();
        for (JsonNode info : record.path("platformInfo")) {
            platforms.add(platform(info, zone));
        }
        if (platforms.isEmpty() && record.hasNonNull("platform")) {
            platforms.add(platform(record, zone));
        }
        String objectId = text(record, "objectId");
        if (objectId == null) {
            objectId = platforms.stream().map(Platform::objectId).filter(id -> id != null).findFirst().orElse(null);
        }
        List<EventSummary> events = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = record.path("events").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> event = it.next();
            JsonNode summary = event.getValue();
            events.add(new EventSummary(event.getKey(), GraphQLLong.of(summary.path("count").asLong(0)),
                    CleverTapDates.fromEpochSeconds(summary.path("first_seen").asLong(0), zone),
                    CleverTapDates.fromEpochSeconds(summary.path("last_seen").asLong(0), zone)));
        }
        events.sort((a, b) -> Long.compare(b.count().longValue(), a.count().longValue()));
        JsonNode profileData = record.path("profileData");
        return new Profile(objectId, text(record, "identity"), text(record, "email"), text(record, "name"),
                text(record, "phone"), profileData.isObject() ? JsonValues.toGraphQL(profileData) : null,
                List.copyOf(platforms), List.copyOf(events));
    }

    private static Platform platform(JsonNode info, ZoneId zone) {
        return new Platform(text(info, "platform"), text(info, "os_version"), text(info, "app_version"), text(info, "make"),
                text(info, "model"), text(info, "objectId"), CleverTapDates.fromEpochSeconds(info.path("ls").asLong(0), zone));
    }

    private static String text(JsonNode node, String key) {
        JsonNode value = node.get(key);
        return value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
    }
}
