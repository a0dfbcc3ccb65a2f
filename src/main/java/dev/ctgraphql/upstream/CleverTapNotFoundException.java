package dev.ctgraphql.upstream;

import io.smallrye.graphql.api.ErrorCode;

/** The thing asked for does not exist at CleverTap. */
@ErrorCode("NOT_FOUND")
public class CleverTapNotFoundException extends CleverTapException {

    public CleverTapNotFoundException(String message) {
        super(message);
    }
}
