package dev.ctgraphql.proxy;

import org.eclipse.microprofile.graphql.Description;

/** The HTTP methods CleverTap's API uses. */
@Description("HTTP method of a raw CleverTap request.")
public enum HttpMethod {
    @Description("Read; the request has no body.")
    GET, @Description("Send a JSON body.")
    POST, @Description("Replace with a JSON body.")
    PUT, @Description("Remove; a JSON body is optional.")
    DELETE
}
