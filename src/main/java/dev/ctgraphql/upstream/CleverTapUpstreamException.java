package dev.ctgraphql.upstream;

import io.smallrye.graphql.api.ErrorCode;

/** CleverTap answered with a failure that is none of the more specific kinds. */
@ErrorCode("UPSTREAM_ERROR")
public class CleverTapUpstreamException extends CleverTapException {

    public CleverTapUpstreamException(String message) {
        super(message);
    }
}
