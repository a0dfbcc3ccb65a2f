package dev.ctgraphql.graphql;

import jakarta.json.JsonValue;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;

import dev.ctgraphql.upstream.CleverTapBadInputException;
import dev.ctgraphql.upstream.CqlQuery;

/** One property comparison of an event query. */
@Input("PropertyFilter")
@Description("Compares one property with a value: a string, number or boolean, or a list of them (matches any).")
public record PropertyFilter(
        @NonNull @Description("Property name, e.g. \"Amount\" or \"Customer Type\".") String name,
        @NonNull @Description("How to compare.") FilterOperator operator,
        @Description("Value to compare with; omitted for EXISTS and DOES_NOT_EXIST.") JsonValue value) {

    /** Validates this filter (named {@code field} in errors) and writes it in CleverTap's form. */
    CqlQuery.Filter toCql(String field) {
        CleverTapBadInputException.check(name != null && !name.isBlank(), field + ".name", "must not be empty");
        CleverTapBadInputException.check(name.length() <= 120, field + ".name", "is longer than 120 characters");
        CleverTapBadInputException.check(operator != null, field + ".operator", "is required");
        JsonNode wire = JsonValues.toWire(value);
        if (!operator.needsValue()) {
            return new CqlQuery.Filter(name, operator.wire(), null);
        }
        CleverTapBadInputException.check(wire != null, field + ".value", "is required for " + operator);
        return new CqlQuery.Filter(name, operator.wire(), cleverTapValue(wire, field + ".value"));
    }

    /** Primitives or a flat list of primitives; booleans become CleverTap's "True"/"False" strings. */
    private JsonNode cleverTapValue(JsonNode wire, String field) {
        if (wire.isArray()) {
            CleverTapBadInputException.check(!wire.isEmpty(), field, "must not be an empty list");
            var list = JsonNodeFactory.instance.arrayNode();
            for (JsonNode item : wire) {
                CleverTapBadInputException.check(item.isValueNode() && !item.isNull(), field,
                        "lists may hold only strings, numbers and booleans");
                list.add(primitive(item, field));
            }
            return list;
        }
        CleverTapBadInputException.check(wire.isValueNode(), field, "must be a string, number, boolean or a list of them");
        return primitive(wire, field);
    }

    private JsonNode primitive(JsonNode item, String field) {
        if (operator.numeric()) {
            CleverTapBadInputException.check(item.isNumber(), field, operator + " compares numbers only");
        }
        if (item.isBoolean()) {
            return TextNode.valueOf(item.asBoolean() ? "True" : "False");
        }
        return item;
    }
}
