package dev.ctgraphql.upstream;

import io.smallrye.graphql.api.ErrorCode;

/** The caller's input is invalid; the message names the argument or field. Raised before any upstream call when possible. */
@ErrorCode("BAD_USER_INPUT")
public class CleverTapBadInputException extends CleverTapException {

    public CleverTapBadInputException(String message) {
        super(message);
    }

    /** Fails with a message of the form {@code "<field>: <problem>"} unless {@code condition} holds. */
    public static void check(boolean condition, String field, String problem) {
        if (!condition) {
            throw new CleverTapBadInputException(field + ": " + problem);
        }
    }
}
