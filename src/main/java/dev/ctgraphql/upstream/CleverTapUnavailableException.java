package dev.ctgraphql.upstream;

import io.smallrye.graphql.api.ErrorCode;

/** CleverTap could not be reached, timed out or answered 502/503/504. */
@ErrorCode("UPSTREAM_UNAVAILABLE")
public class CleverTapUnavailableException extends CleverTapException {

    public CleverTapUnavailableException(String message) {
        super(message);
    }

    @Override
    public boolean retryable() {
        return true;
    }
}
