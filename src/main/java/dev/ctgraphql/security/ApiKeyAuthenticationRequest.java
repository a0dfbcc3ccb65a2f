package dev.ctgraphql.security;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** An API key presented in {@code X-API-Key} or {@code Authorization: ApiKey ...}. */
final class ApiKeyAuthenticationRequest extends BaseAuthenticationRequest {

    private final String key;

    ApiKeyAuthenticationRequest(String key) {
        this.key = key;
    }

    String key() {
        return key;
    }
}
