package dev.ctgraphql.sandbox;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The numbers behind counts, trends, top values and real-time counts, computed from the stored events.
 *
 * <p>
 * Shapes chosen where the reference does not show CleverTap's (all unverified):
 * <ul>
 * <li>trends: {@code {"status":"success","<label>":{"<bucket>":value,...}}}, one key per bucket of the whole range in
 * order, zero-filled; buckets are {@code yyyyMMdd} (daily), {@code yyyyWW} (weekly: ISO week-based year and ISO week)
 * and {@code yyyyMM} (monthly); values are event counts, distinct profiles with {@code unique}, or the sum of
 * {@code sum_event_prop} (a number with two decimals);</li>
 * <li>top: {@code {"status":"success","<label>":{"<value>":count,...}}}, values as strings, ordered by count
 * ({@code order} desc by default), at most {@code top_n} (default 10); a count is the number of matching events
 * having that value (an event's list values, e.g. {@code Items.Category}, count once per event);</li>
 * <li>now: {@code {"status":"success","count":N,"<flag>":{"<value>":count,...}}} for each flag set, every split
 * summing to {@code count}; values: user_type New/Returning, session_source as seeded (Direct, Organic, Push, Email,
 * Social, Referral), os Android/iOS/Windows/macOS/Linux, device Mobile/Tablet/Desktop, browser Chrome/Safari/Firefox/Edge
 * for web users and App for app users; Unknown when a profile has no device.</li>
 * </ul>
 */
final class SandboxAnalytics {

    static final List<String> NOW_FLAGS = List.of("user_type", "session_source", "browser", "os", "device");
    static final Set<String> PROPERTY_TYPES = Set.of("event_properties", "session_properties", "profile_fields",
            "app_fields", "demographics", "technographics", "reachability", "geo_fields");

    private static final long ACTIVE_WINDOW = 300;

    private SandboxAnalytics() {
    }

    static ObjectNode eventCount(SandboxQuery query, SandboxData data) {
        return SandboxJson.success().put("count", query.events(data).size());
    }

    static ObjectNode profileCount(SandboxQuery query, SandboxData data) {
        Set<String> profiles = new HashSet<>();
        for (SandboxEvent event : query.events(data)) {
            profiles.add(event.profileId());
        }
        return SandboxJson.success().put("count", profiles.size());
    }

    static ObjectNode trends(SandboxQuery query, JsonNode body, SandboxData data, ZoneId zone) {
        JsonNode groups = groups(body);
        boolean unique = SandboxJson.flag(body.get("unique"), false);
        String sum = body.path("sum_event_prop").isTextual() && !body.path("sum_event_prop").textValue().isBlank()
                ? body.path("sum_event_prop").textValue()
                : null;
        List<SandboxEvent> events = query.events(data);
        ObjectNode answer = SandboxJson.success();
        for (Map.Entry<String, JsonNode> group : groups.properties()) {
            String type = group.getValue().path("trend_type").asText("daily").toLowerCase(Locale.ROOT);
            if (!type.equals("daily") && !type.equals("weekly") && !type.equals("monthly")) {
                throw SandboxException.badRequest("Invalid trend_type '" + type + "' in group " + group.getKey());
            }
            Map<String, Long> counts = new LinkedHashMap<>();
            Map<String, Set<String>> profiles = new HashMap<>();
            Map<String, BigDecimal> sums = new HashMap<>();
            for (LocalDate day = query.from; !day.isAfter(query.to); day = day.plusDays(1)) {
                String key = bucket(day, type);
                counts.putIfAbsent(key, 0L);
                profiles.putIfAbsent(key, new HashSet<>());
                sums.putIfAbsent(key, BigDecimal.ZERO);
            }
            for (SandboxEvent event : events) {
                String key = bucket(SandboxDates.day(event.ts(), zone), type);
                counts.merge(key, 1L, Long::sum);
                profiles.get(key).add(event.profileId());
                if (sum != null) {
                    for (JsonNode value : SandboxQuery.propertyValues(event.props(), sum)) {
                        if (value.isNumber()) {
                            sums.merge(key, value.decimalValue(), BigDecimal::add);
                        }
                    }
                }
            }
            ObjectNode series = answer.putObject(group.getKey());
            for (String key : counts.keySet()) {
                if (sum != null) {
                    series.set(key, SandboxJson.money(sums.get(key).doubleValue()));
                } else if (unique) {
                    series.put(key, profiles.get(key).size());
                } else {
                    series.put(key, counts.get(key));
                }
            }
        }
        return answer;
    }

    static String bucket(LocalDate day, String type) {
        return switch (type) {
            case "weekly" -> String.format(Locale.ROOT, "%04d%02d", day.get(IsoFields.WEEK_BASED_YEAR),
                    day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case "monthly" -> String.format(Locale.ROOT, "%04d%02d", day.getYear(), day.getMonthValue());
            default -> SandboxDates.format(day);
        };
    }

    static ObjectNode top(SandboxQuery query, JsonNode body, SandboxData data) {
        JsonNode groups = groups(body);
        List<SandboxEvent> events = query.events(data);
        ObjectNode answer = SandboxJson.success();
        for (Map.Entry<String, JsonNode> group : groups.properties()) {
            JsonNode spec = group.getValue();
            String type = spec.path("property_type").asText("event_properties");
            if (!PROPERTY_TYPES.contains(type)) {
                throw SandboxException.badRequest("Invalid property_type '" + type + "' in group " + group.getKey());
            }
            String name = spec.path("name").asText("");
            if (name.isBlank()) {
                throw SandboxException.badRequest("Missing mandatory parameter: name in group " + group.getKey());
            }
            int topN = spec.path("top_n").asInt(10);
            if (topN < 1) {
                throw SandboxException.badRequest("top_n must be at least 1 in group " + group.getKey());
            }
            boolean ascending = "asc".equalsIgnoreCase(spec.path("order").asText("desc"));
            Map<String, Long> counts = new HashMap<>();
            for (SandboxEvent event : events) {
                List<JsonNode> values = switch (type) {
                    case "event_properties" -> SandboxQuery.propertyValues(event.props(), name);
                    case "session_properties" -> SandboxQuery.propertyValues(event.session(), name);
                    default -> SandboxQuery.profileValues(data.profile(event.profileId()), name);
                };
                Set<String> seen = new LinkedHashSet<>();
                values.forEach(v -> seen.add(v.asText()));
                seen.forEach(v -> counts.merge(v, 1L, Long::sum));
            }
            List<Map.Entry<String, Long>> ranked = new ArrayList<>(counts.entrySet());
            ranked.sort((a, b) -> {
                int byCount = ascending ? Long.compare(a.getValue(), b.getValue()) : Long.compare(b.getValue(), a.getValue());
                return byCount != 0 ? byCount : a.getKey().compareTo(b.getKey());
            });
            ObjectNode values = answer.putObject(group.getKey());
            ranked.stream().limit(topN).forEach(e -> values.put(e.getKey(), e.getValue()));
        }
        return answer;
    }

    private static JsonNode groups(JsonNode body) {
        JsonNode groups = body.get("groups");
        if (groups == null || !groups.isObject() || groups.isEmpty()) {
            throw SandboxException.badRequest("Missing mandatory parameter: groups");
        }
        return groups;
    }

    /**
     * Users active in the last five minutes: profiles with an event in that window (uploads included) plus a baseline of
     * simulated users that is fixed within each five-minute window, derived from the seed, so it is never zero.
     */
    static ObjectNode now(JsonNode body, SandboxData data, long now, long seed, int seededProfiles) {
        Map<String, SandboxEvent> active = new LinkedHashMap<>();
        for (SandboxEvent event : data.allEvents()) {
            if (event.ts() > now - ACTIVE_WINDOW && event.ts() <= now + 60) {
                SandboxEvent known = active.get(event.profileId());
                if (known == null || known.ts() < event.ts()) {
                    active.put(event.profileId(), event);
                }
            }
        }
        List<Map<String, String>> users = new ArrayList<>();
        active.forEach((profileId, latest) -> users.add(attributes(data.profile(profileId), latest, now)));
        Random window = new Random(seed * 31 + now / ACTIVE_WINDOW);
        int base = Math.max(3, seededProfiles / 40);
        int baseline = base + window.nextInt(base);
        for (int i = 0; i < baseline; i++) {
            users.add(simulated(window));
        }
        ObjectNode answer = SandboxJson.success().put("count", users.size());
        for (String flag : NOW_FLAGS) {
            if (SandboxJson.flag(body.get(flag), false)) {
                Map<String, Long> split = new LinkedHashMap<>();
                users.forEach(user -> split.merge(user.get(flag), 1L, Long::sum));
                ObjectNode node = answer.putObject(flag);
                split.forEach(node::put);
            }
        }
        return answer;
    }

    private static Map<String, String> attributes(SandboxProfile profile, SandboxEvent latest, long now) {
        Map<String, String> user = new HashMap<>();
        user.put("user_type", profile.firstSeen() > now - 86_400 ? "New" : "Returning");
        user.put("session_source", latest.session().path("session_source").asText("Direct"));
        SandboxDevice device = profile.primaryDevice();
        String platform = device == null ? null : device.platform;
        if (platform == null) {
            user.put("os", "Unknown");
            user.put("device", "Unknown");
            user.put("browser", "Unknown");
        } else if ("Web".equals(platform)) {
            user.put("os", device.osVersion == null ? "Unknown" : device.osVersion.split(" ")[0]);
            user.put("device", "Desktop");
            user.put("browser", device.browser == null ? "Unknown" : device.browser);
        } else {
            user.put("os", platform);
            user.put("device", "Mobile");
            user.put("browser", "App");
        }
        return user;
    }

    private static Map<String, String> simulated(Random random) {
        Map<String, String> user = new HashMap<>();
        user.put("user_type", random.nextDouble() < 0.12 ? "New" : "Returning");
        double source = random.nextDouble();
        user.put("session_source", source < 0.34
                ? "Direct"
                : source < 0.58
                        ? "Organic"
                        : source < 0.72 ? "Push" : source < 0.82 ? "Email" : source < 0.92 ? "Social" : "Referral");
        double platform = random.nextDouble();
        double detail = random.nextDouble();
        if (platform < 0.55) {
            user.put("os", "Android");
            user.put("device", detail < 0.93 ? "Mobile" : "Tablet");
            user.put("browser", "App");
        } else if (platform < 0.88) {
            user.put("os", "iOS");
            user.put("device", detail < 0.85 ? "Mobile" : "Tablet");
            user.put("browser", "App");
        } else {
            user.put("os", detail < 0.6 ? "Windows" : detail < 0.93 ? "macOS" : "Linux");
            user.put("device", "Desktop");
            double browser = random.nextDouble();
            user.put("browser", browser < 0.62 ? "Chrome" : browser < 0.82 ? "Safari" : browser < 0.92 ? "Firefox" : "Edge");
        }
        return user;
    }
}
