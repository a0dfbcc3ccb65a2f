package dev.ctgraphql.upstream;

import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A CleverTap Query Language query (base event query plus filters), as sent to exports, counts and campaign targeting.
 *
 * @param eventName the base event
 * @param from first day, inclusive, in the project's time zone
 * @param to last day, inclusive
 * @param eventProperties filters on the event's properties
 * @param sessionProperties filters on the session's properties
 * @param profileFields filters on profile fields ({@code common_profile_properties.profile_fields})
 */
public record CqlQuery(String eventName, LocalDate from, LocalDate to, List<Filter> eventProperties,
        List<Filter> sessionProperties, List<Filter> profileFields) {

    /**
     * One filter. {@code value} is already in CleverTap's form (booleans as "True"/"False"), or null for
     * exists/does_not_exist.
     */
    public record Filter(String name, String operator, JsonNode value) {
    }

    /** The JSON body CleverTap expects, with keys in a fixed order so equal queries give equal cache keys. */
    public ObjectNode toJson() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("event_name", eventName);
        body.put("from", CleverTapDates.toDay(from));
        body.put("to", CleverTapDates.toDay(to));
        if (!eventProperties.isEmpty()) {
            body.set("event_properties", filters(eventProperties));
        }
        if (!sessionProperties.isEmpty()) {
            body.set("session_properties", filters(sessionProperties));
        }
        if (!profileFields.isEmpty()) {
            body.putObject("common_profile_properties").set("profile_fields", filters(profileFields));
        }
        return body;
    }

    private static ArrayNode filters(List<Filter> filters) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (Filter filter : filters) {
            ObjectNode node = array.addObject();
            node.put("name", filter.name());
            node.put("operator", filter.operator());
            if (filter.value() != null && !filter.value().isNull()) {
                node.set("value", filter.value());
            }
        }
        return array;
    }
}
