package dev.ctgraphql.catalog;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;

import dev.ctgraphql.graphql.JsonValues;
import dev.ctgraphql.graphql.PageInfo;
import dev.ctgraphql.upstream.CacheKey;
import dev.ctgraphql.upstream.CleverTapCalls;
import dev.ctgraphql.upstream.CleverTapConfig;
import dev.ctgraphql.upstream.CleverTapPaths;
import dev.ctgraphql.upstream.CleverTapRestClients;
import dev.ctgraphql.upstream.Endpoint;
import dev.ctgraphql.upstream.ResponseCache;

/**
 * The account's metadata: event and profile property catalogues, subscription groups (cached for
 * {@code clevertap.cache.catalog.ttl}, hours: they change when someone edits the account) and pages of content blocks
 * ({@code clevertap.cache.content-blocks.ttl}).
 *
 * <p>
 * Only the envelopes are recorded in the reference ({@code events[].name}, {@code userProperties[]}, {@code list[]},
 * {@code contentBlocks[]} with {@code total}); the entries' inner fields are not verified, so every entry is read
 * defensively: properties as a list of objects ({@code name} with {@code type} or {@code dataType}) or as an object of
 * name to type, names as {@code name} or a bare string, and each entry's whole JSON is kept in {@code raw}.
 */
@ApplicationScoped
public class CatalogClient {

    static final Endpoint SCHEMA = Endpoint.read("schema", "GET", CleverTapPaths.SCHEMA);
    static final Endpoint GROUPS = Endpoint.read("subscription groups", "GET", CleverTapPaths.CATEGORY_GROUPS);
    static final Endpoint CONTENT_BLOCKS = Endpoint.read("content blocks", "GET", CleverTapPaths.CONTENT_BLOCKS);

    private static final String CATALOG = "catalog";
    private static final String BLOCKS = "content-blocks";
    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'");

    private final CleverTapRestClients clients;
    private final CleverTapCalls calls;
    private final ResponseCache cache;
    private final CleverTapConfig config;

    CatalogClient(CleverTapRestClients clients, CleverTapCalls calls, ResponseCache cache, CleverTapConfig config) {
        this.clients = clients;
        this.calls = calls;
        this.cache = cache;
        this.config = config;
    }

    /** Every event of the account with its properties, in CleverTap's order. */
    public Uni<List<EventDefinition>> events() {
        return cache.get(CATALOG, CacheKey.of(SCHEMA).with("type", "events").text(),
                () -> calls.call(SCHEMA, () -> rest().schema("events")),
                answer -> {
                    List<EventDefinition> events = new ArrayList<>();
                    for (JsonNode event : entries(answer, "events")) {
                        String name = name(event);
                        if (name != null) {
                            JsonNode properties = event.has("properties")
                                    ? event.get("properties")
                                    : event.has("eventProperties") ? event.get("eventProperties") : event.path("props");
                            events.add(new EventDefinition(name, properties(properties)));
                        }
                    }
                    return List.copyOf(events);
                });
    }

    /** Every profile property of the account (system and custom), in CleverTap's order. */
    public Uni<List<PropertyDefinition>> profileProperties() {
        return cache.get(CATALOG, CacheKey.of(SCHEMA).with("type", "userProperties").text(),
                () -> calls.call(SCHEMA, () -> rest().schema("userProperties")),
                answer -> properties(answer.path("userProperties")));
    }

    Uni<List<SubscriptionGroup>> subscriptionGroups() {
        return cache.get(CATALOG, CacheKey.of(GROUPS).text(), () -> calls.call(GROUPS, () -> rest().categoryGroups()),
                answer -> {
                    List<SubscriptionGroup> groups = new ArrayList<>();
                    for (JsonNode group : entries(answer, "list")) {
                        groups.add(new SubscriptionGroup(text(group, "id"), name(group), text(group, "description"),
                                JsonValues.toGraphQL(group)));
                    }
                    return List.copyOf(groups);
                });
    }

    /** One page of content blocks (pageNumber from 1, as CleverTap's list is read by the code the reference cites). */
    Uni<ContentBlockConnection> contentBlocks(int pageNumber, int pageSize, OffsetDateTime updatedFrom,
            OffsetDateTime updatedTo) {
        String from = updatedFrom == null ? null : MILLIS.format(updatedFrom.withOffsetSameInstant(ZoneOffset.UTC));
        String to = updatedTo == null ? null : MILLIS.format(updatedTo.withOffsetSameInstant(ZoneOffset.UTC));
        String key = CacheKey.of(CONTENT_BLOCKS).with("pageNumber", pageNumber).with("pageSize", pageSize)
                .with("updatedFrom", from).with("updatedTo", to).text();
        ZoneId zone = config.timeZone();
        return cache.get(BLOCKS, key, () -> calls.call(CONTENT_BLOCKS,
                () -> rest().contentBlocks(pageNumber, pageSize, from, to)), answer -> {
                    List<ContentBlock> blocks = new ArrayList<>();
                    for (JsonNode block : entries(answer, "contentBlocks")) {
                        blocks.add(new ContentBlock(text(block, "id"), name(block), text(block, "type"),
                                JsonValues.toGraphQL(block.get("content")), time(block.get("updatedAt"), zone),
                                JsonValues.toGraphQL(block)));
                    }
                    JsonNode total = answer.path("total");
                    Integer totalCount = total.canConvertToInt() ? total.asInt() : null;
                    boolean more = totalCount != null ? (long) pageNumber * pageSize < totalCount : blocks.size() == pageSize;
                    String next = more && !blocks.isEmpty() ? ContentBlockCursor.encode(pageNumber + 1, pageSize) : null;
                    return ContentBlockConnection.of(List.copyOf(blocks),
                            new PageInfo(next, next != null), totalCount);
                });
    }

    private static Iterable<JsonNode> entries(JsonNode answer, String key) {
        JsonNode list = answer.path(key);
        return list.isArray() ? list : List.of();
    }

    /** A list of property objects or names, or an object of name to type (or to a description object). */
    private static List<PropertyDefinition> properties(JsonNode node) {
        List<PropertyDefinition> properties = new ArrayList<>();
        if (node.isArray()) {
            for (JsonNode property : node) {
                String name = name(property);
                if (name != null) {
                    properties.add(new PropertyDefinition(name, type(property)));
                }
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> property = it.next();
                JsonNode value = property.getValue();
                properties.add(new PropertyDefinition(property.getKey(), value.isTextual() ? value.asText() : type(value)));
            }
        }
        return List.copyOf(properties);
    }

    private static String name(JsonNode entry) {
        return entry.isTextual() ? entry.asText() : text(entry, "name");
    }

    private static String type(JsonNode property) {
        String type = text(property, "type");
        return type != null ? type : text(property, "dataType");
    }

    private static String text(JsonNode node, String key) {
        JsonNode value = node.get(key);
        return value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
    }

    /** An ISO date-time, or epoch milliseconds; null when it is neither. */
    private static OffsetDateTime time(JsonNode value, ZoneId zone) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.canConvertToLong() && value.isNumber()) {
            return Instant.ofEpochMilli(value.asLong()).atZone(zone).toOffsetDateTime();
        }
        try {
            return OffsetDateTime.parse(value.asText()).atZoneSameInstant(zone).toOffsetDateTime();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private CatalogRestClient rest() {
        return clients.get(CatalogRestClient.class);
    }
}
