package dev.ctgraphql.sandbox;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The account metadata CleverTap serves outside {@code /1}: the schema ({@code GET /getSchema?type=events|userProperties})
 * as it follows from what is stored now, subscription groups ({@code GET /category-groups}) and content blocks
 * ({@code GET /v1/contentBlock/list}). The envelopes are the recorded ones ({@code events[].name},
 * {@code userProperties[]}, {@code {status, list}}, {@code {contentBlocks, total}}); the inner fields of each entry are
 * not recorded anywhere, so the sandbox gives plausible ones ({@code properties[{name,type}]}, {@code id},
 * {@code name}, {@code updatedAt}) and the client reads several forms.
 */
@ApplicationScoped
class SandboxCatalog {

    /** CleverTap's largest content block page. */
    static final int MAX_PAGE_SIZE = 100;
    private static final String[] SYSTEM_PROFILE_PROPERTIES = {"Name:string", "Email:string", "Phone:string",
            "Gender:string", "DOB:date", "Customer Type:string", "MSG-email:boolean", "MSG-push:boolean",
            "MSG-sms:boolean", "MSG-whatsapp:boolean"};
    private static final String[] GROUPS = {"Newsletters:Weekly news and product updates",
            "Offers:Discounts, sales and coupons", "Order updates:Shipping and delivery notices",
            "Recommendations:Products picked for you"};
    private static final String[] BLOCK_TYPES = {"text", "html", "image"};
    private static final String[] BLOCK_TOPICS = {"Footer", "Header", "Promo banner", "Legal notice", "Signature",
            "Unsubscribe note", "App badges", "Social links", "Support hours"};
    private static final int BLOCKS = 45;

    private final SandboxStore store;

    SandboxCatalog(SandboxStore store) {
        this.store = store;
    }

    ObjectNode schema(String type) {
        if ("events".equals(type)) {
            ObjectNode answer = SandboxJson.success();
            answer.set("events", store.read(SandboxCatalog::events));
            return answer;
        }
        if ("userProperties".equals(type)) {
            ObjectNode answer = SandboxJson.success();
            answer.set("userProperties", store.read(SandboxCatalog::userProperties));
            return answer;
        }
        throw new SandboxException(400, "type must be events or userProperties", 400);
    }

    private static ArrayNode events(SandboxData data) {
        Map<String, Map<String, String>> byEvent = new TreeMap<>();
        for (SandboxEvent event : data.allEvents()) {
            Map<String, String> properties = byEvent.computeIfAbsent(event.name(), n -> new TreeMap<>());
            for (Iterator<Map.Entry<String, JsonNode>> it = event.props().fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> property = it.next();
                properties.putIfAbsent(property.getKey(), type(property.getValue()));
            }
        }
        ArrayNode events = SandboxJson.array();
        byEvent.forEach((name, properties) -> {
            ObjectNode event = events.addObject().put("name", name);
            ArrayNode list = event.putArray("properties");
            properties.forEach((property, type) -> list.addObject().put("name", property).put("type", type));
        });
        return events;
    }

    private static ArrayNode userProperties(SandboxData data) {
        Map<String, String> properties = new LinkedHashMap<>();
        for (String entry : SYSTEM_PROFILE_PROPERTIES) {
            properties.put(entry.substring(0, entry.indexOf(':')), entry.substring(entry.indexOf(':') + 1));
        }
        Map<String, String> custom = new TreeMap<>();
        for (SandboxProfile profile : data.profiles()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = profile.profileData.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> property = it.next();
                if (!properties.containsKey(property.getKey())) {
                    custom.putIfAbsent(property.getKey(), type(property.getValue()));
                }
            }
        }
        properties.putAll(custom);
        ArrayNode list = SandboxJson.array();
        properties.forEach((name, type) -> list.addObject().put("name", name).put("type", type));
        return list;
    }

    private static String type(JsonNode value) {
        if (value.isNumber()) {
            return "number";
        }
        if (value.isBoolean()) {
            return "boolean";
        }
        if (value.isArray()) {
            return "list";
        }
        return value.asText().startsWith("$D_") ? "date" : "string";
    }

    ObjectNode categoryGroups() {
        ObjectNode answer = SandboxJson.success();
        ArrayNode list = answer.putArray("list");
        for (int i = 0; i < GROUPS.length; i++) {
            String[] group = GROUPS[i].split(":", 2);
            list.addObject().put("id", 101 + i).put("name", group[0]).put("description", group[1]);
        }
        return answer;
    }

    /** Newest change first; {@code pageNumber} from 1; dates as ISO date-times with milliseconds. */
    ObjectNode contentBlocks(String pageNumber, String pageSize, String updatedFrom, String updatedTo) {
        int number = positive("pageNumber", pageNumber, 1);
        int size = positive("pageSize", pageSize, 10);
        if (size > MAX_PAGE_SIZE) {
            throw new SandboxException(400, "pageSize must be at most " + MAX_PAGE_SIZE, 400);
        }
        Instant from = instant("updatedFrom", updatedFrom);
        Instant to = instant("updatedTo", updatedTo);
        long now = store.now();
        List<ObjectNode> matching = new ArrayList<>();
        for (int i = 0; i < BLOCKS; i++) {
            Instant updated = Instant.ofEpochSecond(now - 3600L * (7 + 13L * i)).truncatedTo(ChronoUnit.SECONDS);
            if ((from != null && updated.isBefore(from)) || (to != null && updated.isAfter(to))) {
                continue;
            }
            String type = BLOCK_TYPES[i % BLOCK_TYPES.length];
            String name = BLOCK_TOPICS[i % BLOCK_TOPICS.length] + " " + (i / BLOCK_TOPICS.length + 1);
            ObjectNode block = SandboxJson.object().put("id", 5000 + i).put("name", name).put("type", type);
            block.put("content", type.equals("image")
                    ? "https://cdn.example.com/blocks/" + (5000 + i) + ".png"
                    : type.equals("html") ? "<p>" + name + "</p>" : name + " text");
            block.put("updatedAt", updated.toString().replace("Z", ".000Z"));
            matching.add(block);
        }
        ObjectNode answer = SandboxJson.success();
        ArrayNode blocks = answer.putArray("contentBlocks");
        int start = (number - 1) * size;
        for (int i = start; i < Math.min(matching.size(), start + size); i++) {
            blocks.add(matching.get(i));
        }
        answer.put("total", matching.size());
        return answer;
    }

    private static int positive(String name, String value, int fallback) {
        if (value == null) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value);
            if (number >= 1) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new SandboxException(400, name + " must be a positive number", 400);
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new SandboxException(400, name + " must be an ISO date-time", 400);
        }
    }
}
