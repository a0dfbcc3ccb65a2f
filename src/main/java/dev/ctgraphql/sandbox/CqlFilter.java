package dev.ctgraphql.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One CQL property filter {@code {"name","operator","value"}}. A value may be a primitive or an array of primitives
 * (any of them matches); booleans may be sent as the strings "True"/"False"; string comparisons ignore case; a property
 * holding a list (e.g. the items of {@code Charged}) matches when any element matches.
 */
record CqlFilter(String name, String operator, List<JsonNode> values) {

    static final Set<String> OPERATORS = Set.of("equals", "not_equals", "contains", "does_not_contain", "exists",
            "does_not_exist", "greater_than", "greater_than_equals", "less_than", "less_than_equals");

    /** Reads a CQL filter array; a malformed one is a 400 naming the field. */
    static List<CqlFilter> parseList(JsonNode node, String field) {
        List<CqlFilter> filters = new ArrayList<>();
        if (node == null || node.isMissingNode() || node.isNull()) {
            return filters;
        }
        if (!node.isArray()) {
            throw SandboxException.badRequest(field + " must be an array of {name, operator, value}");
        }
        for (JsonNode item : node) {
            String name = item.path("name").asText("");
            if (name.isBlank()) {
                throw SandboxException.badRequest("Property name missing in " + field);
            }
            String operator = item.path("operator").asText("equals").toLowerCase(Locale.ROOT);
            if (!OPERATORS.contains(operator)) {
                throw SandboxException.badRequest("Invalid operator '" + operator + "' in " + field);
            }
            List<JsonNode> values = new ArrayList<>();
            JsonNode value = item.path("value");
            if (value.isArray()) {
                value.forEach(values::add);
            } else if (!value.isMissingNode() && !value.isNull()) {
                values.add(value);
            }
            if (values.isEmpty() && !operator.equals("exists") && !operator.equals("does_not_exist")) {
                throw SandboxException.badRequest("Value missing for property '" + name + "' in " + field);
            }
            filters.add(new CqlFilter(name, operator, values));
        }
        return filters;
    }

    /** Whether the property's values (empty when it is absent) satisfy the filter. */
    boolean test(List<JsonNode> candidates) {
        return switch (operator) {
            case "exists" -> !candidates.isEmpty();
            case "does_not_exist" -> candidates.isEmpty();
            case "equals" -> any(candidates, CqlFilter::same);
            case "not_equals" -> !any(candidates, CqlFilter::same);
            case "contains" -> any(candidates, CqlFilter::contains);
            case "does_not_contain" -> !any(candidates, CqlFilter::contains);
            default -> any(candidates, this::compare);
        };
    }

    private interface Match {
        boolean test(JsonNode candidate, JsonNode value);
    }

    private boolean any(List<JsonNode> candidates, Match match) {
        for (JsonNode candidate : candidates) {
            for (JsonNode value : values) {
                if (match.test(candidate, value)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean same(JsonNode candidate, JsonNode value) {
        Double a = number(candidate);
        Double b = number(value);
        if (a != null && b != null) {
            return a.doubleValue() == b.doubleValue();
        }
        return candidate.asText().equalsIgnoreCase(value.asText());
    }

    private static boolean contains(JsonNode candidate, JsonNode value) {
        return candidate.asText().toLowerCase(Locale.ROOT).contains(value.asText().toLowerCase(Locale.ROOT));
    }

    private boolean compare(JsonNode candidate, JsonNode value) {
        Double a = number(candidate);
        Double b = number(value);
        if (a == null || b == null) {
            return false;
        }
        int c = Double.compare(a, b);
        return switch (operator) {
            case "greater_than" -> c > 0;
            case "greater_than_equals" -> c >= 0;
            case "less_than" -> c < 0;
            default -> c <= 0;
        };
    }

    private static Double number(JsonNode node) {
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isTextual()) {
            try {
                return Double.valueOf(node.textValue().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
