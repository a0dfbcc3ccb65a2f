package dev.ctgraphql.upstream;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What CleverTap answered: the HTTP status and the parsed JSON body (a missing node when the body was empty or not JSON).
 * CleverTap reports failures in either or both, so callers look at both.
 */
public record CleverTapResponse(int httpStatus, JsonNode body) {

    /** The body's {@code status}: success, partial, fail, or "" when absent. */
    public String bodyStatus() {
        return body.path("status").asText("");
    }

    /** The body's {@code error} text, or "". */
    public String error() {
        return body.path("error").asText("");
    }

    /** The body's numeric {@code code}, or -1. */
    public int code() {
        return body.path("code").asInt(-1);
    }

    /** HTTP 2xx and a body status other than {@code fail}. */
    public boolean ok() {
        return httpStatus / 100 == 2 && !"fail".equals(bodyStatus());
    }
}
