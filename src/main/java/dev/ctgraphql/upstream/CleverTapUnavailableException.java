package dev.ctgraphql.upstream;

import io.smallrye.graphql.api.ErrorCode;

/** CleverTap could not be reached, timed out or answered 502/503/504. */
@ErrorCode("UPSTREAM_UNAVAILABLE")
public class CleverTapUnavailableException extends CleverTapException {

    private final boolean notProcessed;

    public CleverTapUnavailableException(String message) {
        this(message, false);
    }

    /**
     * @param notProcessed true when CleverTap surely did not act on the request (a 503 "retry later", or no connection
     *        at all), so that even a request that is not idempotent may be sent again
     */
    public CleverTapUnavailableException(String message, boolean notProcessed) {
        super(message);
        this.notProcessed = notProcessed;
    }

    /** Whether CleverTap surely did not act on the request. */
    public boolean notProcessed() {
        return notProcessed;
    }

}
