package dev.ctgraphql.sandbox;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A parsed CleverTap Query Language body: {@code event_name}, {@code from}/{@code to} (project-local days),
 * {@code event_properties}, {@code session_properties} and {@code common_profile_properties} (every family in it,
 * e.g. {@code profile_fields}, {@code demographics}, {@code technographics}, is matched against the profile).
 */
final class SandboxQuery {

    /** System events CleverTap never exports through Get Events/Profiles. */
    static final List<String> NOT_EXPORTABLE = List.of("Notification Sent", "Notification Viewed", "Notification Clicked");

    final String eventName;
    final LocalDate from;
    final LocalDate to;
    private final long fromEpoch;
    private final long toEpoch;
    final List<CqlFilter> eventFilters;
    final List<CqlFilter> sessionFilters;
    final List<CqlFilter> profileFilters;

    private SandboxQuery(String eventName, LocalDate from, LocalDate to, ZoneId zone, List<CqlFilter> eventFilters,
            List<CqlFilter> sessionFilters, List<CqlFilter> profileFilters) {
        this.eventName = eventName;
        this.from = from;
        this.to = to;
        this.fromEpoch = from == null ? Long.MIN_VALUE : SandboxDates.startOf(from, zone);
        this.toEpoch = to == null ? Long.MAX_VALUE : SandboxDates.startOf(to.plusDays(1), zone);
        this.eventFilters = eventFilters;
        this.sessionFilters = sessionFilters;
        this.profileFilters = profileFilters;
    }

    /**
     * Parses a CQL body. Without {@code event_name} (allowed only when {@code eventRequired} is false) the query covers
     * every event of the past 365 days, as CleverTap does for people export and campaign targeting.
     */
    static SandboxQuery parse(JsonNode body, ZoneId zone, LocalDate today, boolean eventRequired) {
        String eventName = body.path("event_name").isTextual() ? body.path("event_name").textValue() : null;
        if (eventName != null && eventName.isBlank()) {
            eventName = null;
        }
        if (eventName == null && eventRequired) {
            throw SandboxException.badRequest("Missing mandatory parameter: event_name");
        }
        LocalDate from;
        LocalDate to;
        if (eventName != null || body.has("from") || body.has("to")) {
            from = SandboxDates.parseDay(body.get("from"), "from");
            to = SandboxDates.parseDay(body.get("to"), "to");
        } else {
            from = today.minusDays(364);
            to = today;
        }
        if (from.isAfter(to)) {
            throw SandboxException.badRequest("Invalid date range: from must not be after to");
        }
        if (to.isAfter(today)) {
            throw new SandboxException(400, "Invalid date range: to date cannot be in the future", 4002);
        }
        List<CqlFilter> profileFilters = new ArrayList<>();
        JsonNode common = body.path("common_profile_properties");
        if (!common.isMissingNode() && !common.isNull()) {
            if (!common.isObject()) {
                throw SandboxException.badRequest("common_profile_properties must be an object");
            }
            for (Map.Entry<String, JsonNode> family : common.properties()) {
                profileFilters.addAll(CqlFilter.parseList(family.getValue(), family.getKey()));
            }
        }
        return new SandboxQuery(eventName, from, to, zone,
                CqlFilter.parseList(body.get("event_properties"), "event_properties"),
                CqlFilter.parseList(body.get("session_properties"), "session_properties"), profileFilters);
    }

    boolean hasEventName() {
        return eventName != null;
    }

    /** Whether the body asked for nothing but everyone: no event, no range, no filters. */
    static boolean everyone(JsonNode body) {
        return body == null || body.isNull() || body.isMissingNode() || (body.isObject() && body.isEmpty());
    }

    boolean matchesProfile(SandboxProfile profile) {
        for (CqlFilter filter : profileFilters) {
            if (!filter.test(profileValues(profile, filter.name()))) {
                return false;
            }
        }
        return true;
    }

    boolean matches(SandboxEvent event, SandboxProfile profile) {
        if (event.ts() < fromEpoch || event.ts() >= toEpoch) {
            return false;
        }
        for (CqlFilter filter : eventFilters) {
            if (!filter.test(propertyValues(event.props(), filter.name()))) {
                return false;
            }
        }
        for (CqlFilter filter : sessionFilters) {
            if (!filter.test(propertyValues(event.session(), filter.name()))) {
                return false;
            }
        }
        return profile != null && matchesProfile(profile);
    }

    /** Matching events, oldest first (every event name when the query has none). */
    List<SandboxEvent> events(SandboxData data) {
        List<SandboxEvent> source = eventName == null ? data.allEvents() : data.events(eventName);
        List<SandboxEvent> matched = new ArrayList<>();
        for (SandboxEvent event : source) {
            if (matches(event, data.profile(event.profileId()))) {
                matched.add(event);
            }
        }
        matched.sort(Comparator.comparingLong(SandboxEvent::ts).thenComparingLong(SandboxEvent::seq));
        return matched;
    }

    /** Distinct profiles having at least one matching event, in profile creation order. */
    List<SandboxProfile> profiles(SandboxData data) {
        Map<String, SandboxProfile> found = new LinkedHashMap<>();
        for (SandboxEvent event : events(data)) {
            found.computeIfAbsent(event.profileId(), data::profile);
        }
        List<SandboxProfile> profiles = new ArrayList<>(found.values());
        profiles.sort(Comparator.comparingLong(p -> p.seq));
        return profiles;
    }

    /**
     * Values of an event or session property: the property itself (each element when it is a list), a dotted path
     * through objects and lists ({@code "Items.Category"}), or, when the name is not a top-level key, that key in the
     * objects of any top-level list (so {@code "Category"} matches the items of {@code Charged}).
     */
    static List<JsonNode> propertyValues(JsonNode props, String name) {
        List<JsonNode> values = new ArrayList<>();
        if (props == null) {
            return values;
        }
        JsonNode direct = props.get(name);
        if (direct != null) {
            flatten(direct, values);
        } else if (name.contains(".")) {
            int dot = name.indexOf('.');
            JsonNode head = props.get(name.substring(0, dot));
            String rest = name.substring(dot + 1);
            if (head != null && head.isArray()) {
                head.forEach(element -> values.addAll(propertyValues(element, rest)));
            } else if (head != null && head.isObject()) {
                values.addAll(propertyValues(head, rest));
            }
        } else {
            for (JsonNode field : props) {
                if (field.isArray()) {
                    for (JsonNode element : field) {
                        if (element.isObject() && element.has(name)) {
                            flatten(element.get(name), values);
                        }
                    }
                }
            }
        }
        return values;
    }

    /**
     * Values of a profile property: the reserved fields (Name, Email, Phone, Identity, objectId), any key of
     * {@code profileData} (case-insensitive), or a device field (platform, os_version, app_version, make, model,
     * browser; spaces or underscores), primary device first.
     */
    static List<JsonNode> profileValues(SandboxProfile profile, String name) {
        List<JsonNode> values = new ArrayList<>();
        String key = name.toLowerCase(Locale.ROOT).replace(' ', '_');
        String reserved = switch (key) {
            case "name" -> profile.name;
            case "email" -> profile.email;
            case "phone" -> profile.phone;
            case "identity" -> profile.identity;
            case "objectid" -> profile.objectId;
            default -> null;
        };
        if (reserved != null) {
            values.add(SandboxJson.NODES.textNode(reserved));
            return values;
        }
        JsonNode data = profile.profileData.get(name);
        if (data == null) {
            for (Map.Entry<String, JsonNode> field : profile.profileData.properties()) {
                if (field.getKey().equalsIgnoreCase(name)) {
                    data = field.getValue();
                    break;
                }
            }
        }
        if (data != null) {
            flatten(data, values);
            return values;
        }
        List<SandboxDevice> devices = new ArrayList<>(profile.devices);
        devices.sort(Comparator.comparingLong((SandboxDevice d) -> d.lastSeen).reversed());
        for (SandboxDevice device : devices) {
            String value = switch (key) {
                case "platform" -> device.platform;
                case "os_version", "os" -> device.osVersion;
                case "app_version" -> device.appVersion;
                case "make" -> device.make;
                case "model" -> device.model;
                case "browser" -> device.browser;
                default -> null;
            };
            if (value != null) {
                values.add(SandboxJson.NODES.textNode(value));
            }
        }
        return values;
    }

    private static void flatten(JsonNode node, List<JsonNode> into) {
        if (node.isArray()) {
            node.forEach(element -> {
                if (element.isValueNode() && !element.isNull()) {
                    into.add(element);
                }
            });
        } else if (node.isValueNode() && !node.isNull()) {
            into.add(node);
        }
    }
}
