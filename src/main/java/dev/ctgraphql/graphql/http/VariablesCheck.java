package dev.ctgraphql.graphql.http;

import java.util.Map;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/** Bounds on the variables of a request: the longest list and the deepest nesting, named by where they occur. */
final class VariablesCheck {

    private final EndpointConfig.Limits limits;

    VariablesCheck(EndpointConfig.Limits limits) {
        this.limits = limits;
    }

    /** Why the variables are refused, or null. */
    String check(JsonObject variables) {
        if (variables == null) {
            return null;
        }
        for (Map.Entry<String, JsonValue> variable : variables.entrySet()) {
            String problem = walk(variable.getValue(), "$" + variable.getKey(), 1);
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    private String walk(JsonValue value, String where, int depth) {
        if (depth > limits.maxVariablesDepth()) {
            return "Variable " + where + " nests objects and lists more than " + limits.maxVariablesDepth()
                    + " levels deep";
        }
        switch (value.getValueType()) {
            case ARRAY -> {
                JsonArray array = value.asJsonArray();
                if (array.size() > limits.maxListSize()) {
                    return "Variable " + where + " is a list of " + array.size() + " items; at most "
                            + limits.maxListSize() + " are accepted in one request";
                }
                // lists of scalars are the common large case: only containers need a look inside
                for (int i = 0; i < array.size(); i++) {
                    JsonValue item = array.get(i);
                    if (isContainer(item)) {
                        String problem = walk(item, where + "[" + i + "]", depth + 1);
                        if (problem != null) {
                            return problem;
                        }
                    }
                }
                return null;
            }
            case OBJECT -> {
                for (Map.Entry<String, JsonValue> field : value.asJsonObject().entrySet()) {
                    if (isContainer(field.getValue())) {
                        String problem = walk(field.getValue(), where + "." + field.getKey(), depth + 1);
                        if (problem != null) {
                            return problem;
                        }
                    }
                }
                return null;
            }
            default -> {
                return null;
            }
        }
    }

    private static boolean isContainer(JsonValue value) {
        return value.getValueType() == JsonValue.ValueType.ARRAY || value.getValueType() == JsonValue.ValueType.OBJECT;
    }
}
