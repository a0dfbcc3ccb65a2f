package dev.ctgraphql.proxy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ctgraphql.graphql.JsonValues;
import dev.ctgraphql.upstream.CleverTapBadInputException;
import dev.ctgraphql.upstream.CleverTapPaths;
import dev.ctgraphql.upstream.Endpoint;
import dev.ctgraphql.upstream.LimitClass;

/**
 * A validated raw request: a relative CleverTap API path (never a host, a query string, an escape or a step up),
 * scalar query parameters and a JSON body for POST.
 *
 * @param method GET, POST, PUT or DELETE
 * @param path relative to the API base, e.g. {@code /1/profile.json}
 * @param query query parameters, in the caller's order
 * @param body the JSON body of a POST or PUT (optional for DELETE), null for a GET
 */
record ProxyRequest(HttpMethod method, String path, Map<String, String> query, JsonNode body) {

    /**
     * CleverTap's API path families (reference §1.1): {@code /1/}, {@code /2/}, {@code /api/}, {@code /v1/contentBlock/}
     * with letters, digits, '_', '-', '.' and single slashes after them, and {@code /getSchema},
     * {@code /category-groups}.
     */
    private static final Pattern PATH = Pattern
            .compile("(/1/|/2/|/api/|/v1/contentBlock/)[A-Za-z0-9_.\\-/]{1,200}|/getSchema|/category-groups");
    private static final int MAX_QUERY_PARAMETERS = 50;

    /** Validates the mutation's arguments; any problem is a {@code BAD_USER_INPUT} naming the argument. */
    static ProxyRequest of(HttpMethod method, String path, JsonValue query, JsonValue body) {
        CleverTapBadInputException.check(method != null, "method", "is required");
        CleverTapBadInputException.check(path != null && PATH.matcher(path).matches(), "path",
                "must be a CleverTap API path like /1/profile.json under /1/, /2/, /api/ or /v1/contentBlock/ (letters, "
                        + "digits, '_', '-', '.' and '/'), or /getSchema or /category-groups, with query parameters in "
                        + "the query argument");
        CleverTapBadInputException.check(!path.contains("//") && !path.contains("/./") && !path.contains("..")
                && !path.endsWith("/."), "path", "must not contain '//', '.' or '..' segments");
        JsonNode wireBody = JsonValues.toWire(body);
        if (method == HttpMethod.GET) {
            CleverTapBadInputException.check(wireBody == null, "body", "must be omitted for GET");
        } else if (method == HttpMethod.DELETE) {
            CleverTapBadInputException.check(wireBody == null || wireBody.isContainerNode(), "body",
                    "must be a JSON object or list when given");
        } else {
            CleverTapBadInputException.check(wireBody != null && wireBody.isContainerNode(), "body",
                    "must be a JSON object or list for " + method);
        }
        return new ProxyRequest(method, path, parameters(query), wireBody);
    }

    private static Map<String, String> parameters(JsonValue query) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (query == null || query.getValueType() == JsonValue.ValueType.NULL) {
            return parameters;
        }
        CleverTapBadInputException.check(query instanceof JsonObject, "query", "must be a JSON object of scalars");
        JsonObject object = (JsonObject) query;
        CleverTapBadInputException.check(object.size() <= MAX_QUERY_PARAMETERS, "query",
                "has more than " + MAX_QUERY_PARAMETERS + " parameters");
        for (Map.Entry<String, JsonValue> entry : object.entrySet()) {
            String name = entry.getKey();
            CleverTapBadInputException.check(!name.isBlank(), "query", "parameter names must not be empty");
            parameters.put(name, scalar(entry.getValue(), "query." + name));
        }
        return parameters;
    }

    private static String scalar(JsonValue value, String field) {
        return switch (value.getValueType()) {
            case STRING -> ((JsonString) value).getString();
            case NUMBER -> ((JsonNumber) value).toString();
            case TRUE -> "true";
            case FALSE -> "false";
            default -> throw new CleverTapBadInputException(field + ": must be a string, number or boolean");
        };
    }

    /**
     * How the call is limited, counted and logged. The path is left out of the endpoint's key, which tags metrics:
     * caller-chosen paths would make an unbounded number of series. Uploads count against the upload limit. Not
     * retryable: only answers that mean CleverTap did not act (429, 503, no connection) are sent again.
     */
    Endpoint endpoint() {
        LimitClass limit = path.startsWith(CleverTapPaths.UPLOAD) ? LimitClass.UPLOAD : LimitClass.OTHER;
        return new Endpoint("raw proxy", method.name(), "/(raw)", limit, false);
    }

    /** The path as the REST client's template expects it, without the leading slash. */
    String relativePath() {
        return path.substring(1);
    }
}
