package dev.ctgraphql.upstream;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;

import org.eclipse.microprofile.rest.client.ext.ClientHeadersFactory;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.quarkus.value.registry.ValueRegistry;
import io.quarkus.vertx.http.HttpServer;

/**
 * Builds the domains' REST client interfaces against the right base URL (explicit, by region, or the embedded sandbox),
 * with CleverTap's two auth headers and explicit timeouts.
 *
 * <p>
 * Clients are built programmatically rather than through {@code quarkus.rest-client.*.url} because the sandbox's URL is
 * only known once the HTTP server has bound its (possibly random) port.
 */
@ApplicationScoped
public class CleverTapRestClients {

    private final CleverTapConfig config;
    private final CleverTapCredentials credentials;
    private final ValueRegistry values;
    private final Map<Class<?>, Object> clients = new ConcurrentHashMap<>();

    CleverTapRestClients(CleverTapConfig config, CleverTapCredentials credentials, ValueRegistry values) {
        this.config = config;
        this.credentials = credentials;
        this.values = values;
    }

    /** The client for {@code type}, built on first use. */
    public <T> T get(Class<T> type) {
        return type.cast(clients.computeIfAbsent(type, this::build));
    }

    private Object build(Class<?> type) {
        return QuarkusRestClientBuilder.newBuilder()
                .baseUri(baseUri())
                .connectTimeout(config.timeouts().connect().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(config.timeouts().read().toMillis(), TimeUnit.MILLISECONDS)
                .clientHeadersFactory(new AuthHeaders())
                .disableDefaultMapper(true)
                .followRedirects(false)
                .build(type);
    }

    /** Explicit base URL first, then the sandbox when it is on, then the region's host. */
    public URI baseUri() {
        if (config.baseUrl().isPresent()) {
            return URI.create(config.baseUrl().get());
        }
        if (config.sandbox().enabled()) {
            return URI.create("http://127.0.0.1:" + values.get(HttpServer.HTTP_PORT) + "/sandbox");
        }
        return URI.create(config.region().baseUrl());
    }

    /** Adds {@code X-CleverTap-Account-Id} and {@code X-CleverTap-Passcode}; nothing else of the caller's is forwarded. */
    private final class AuthHeaders implements ClientHeadersFactory {
        @Override
        public MultivaluedMap<String, String> update(MultivaluedMap<String, String> incoming,
                MultivaluedMap<String, String> outgoing) {
            MultivaluedMap<String, String> headers = new MultivaluedHashMap<>(outgoing);
            headers.putSingle("X-CleverTap-Account-Id", credentials.accountId());
            headers.putSingle("X-CleverTap-Passcode", credentials.passcode());
            return headers;
        }
    }
}
