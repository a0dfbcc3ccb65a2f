package dev.ctgraphql.upstream;

import io.smallrye.graphql.api.ErrorCode;

/**
 * Too many requests are already waiting for a CleverTap concurrency permit in this process; this one was not sent.
 * An {@code UPSTREAM_RATE_LIMITED} error like CleverTap's own 429.
 */
@ErrorCode("UPSTREAM_RATE_LIMITED")
public class CleverTapQueueFullException extends CleverTapRateLimitedException {

    public CleverTapQueueFullException(String message) {
        super(message);
    }
}
