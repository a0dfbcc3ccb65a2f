package dev.ctgraphql.upstream;

import io.smallrye.graphql.api.ErrorCode;

/** CleverTap answered 429 (too many concurrent requests) and retries did not help. */
@ErrorCode("UPSTREAM_RATE_LIMITED")
public class CleverTapRateLimitedException extends CleverTapException {

    public CleverTapRateLimitedException(String message) {
        super(message);
    }

}
