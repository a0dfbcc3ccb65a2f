package dev.ctgraphql.upstream;

import io.smallrye.graphql.api.ErrorCode;

/**
 * CleverTap failed repeatedly just now, so the call was not sent ({@link UpstreamCircuit} is open); never retried, since
 * retrying is what the open circuit is there to stop.
 */
@ErrorCode("UPSTREAM_UNAVAILABLE")
public class CleverTapCircuitOpenException extends CleverTapUnavailableException {

    public CleverTapCircuitOpenException(String message) {
        super(message, true);
    }
}
