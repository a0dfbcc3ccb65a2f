package dev.ctgraphql.upstream;

/**
 * Base of the failures this service reports to GraphQL clients; each subclass carries a stable error code and a message
 * that never contains an upstream URL, body or credential.
 */
public abstract class CleverTapException extends RuntimeException {

    protected CleverTapException(String message) {
        super(message, null, false, false);
    }
}
