package dev.ctgraphql.proxy;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;

import dev.ctgraphql.upstream.CleverTapCalls;
import dev.ctgraphql.upstream.CleverTapRestClients;

/**
 * Sends raw requests through {@link CleverTapCalls}, so they share the concurrency limits, retry rules, error mapping
 * and metrics of every other CleverTap call. Nothing is cached: the caller may be writing.
 */
@ApplicationScoped
public class ProxyClient {

    private final CleverTapRestClients clients;
    private final CleverTapCalls calls;

    ProxyClient(CleverTapRestClients clients, CleverTapCalls calls) {
        this.clients = clients;
        this.calls = calls;
    }

    /** CleverTap's answer when it succeeded, else the failure mapped to the service's error codes. */
    Uni<JsonNode> send(ProxyRequest request) {
        ProxyRestClient rest = clients.get(ProxyRestClient.class);
        return calls.call(request.endpoint(), () -> switch (request.method()) {
            case GET -> rest.get(request.relativePath(), request.query());
            case POST -> rest.post(request.relativePath(), request.query(), request.body());
            case PUT -> rest.put(request.relativePath(), request.query(), request.body());
            case DELETE -> rest.delete(request.relativePath(), request.query(), request.body());
        });
    }
}
