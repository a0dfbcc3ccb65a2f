package dev.ctgraphql.upstream;

import io.smallrye.graphql.api.ErrorCode;

/** CleverTap refused this service's account id or passcode (or the account's region is wrong). */
@ErrorCode("UPSTREAM_AUTH_FAILED")
public class CleverTapAuthFailedException extends CleverTapException {

    public CleverTapAuthFailedException(String message) {
        super(message);
    }
}
