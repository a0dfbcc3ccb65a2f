package dev.ctgraphql.observability;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import dev.ctgraphql.upstream.CleverTapCalls;
import dev.ctgraphql.upstream.CleverTapConfig;
import dev.ctgraphql.upstream.CleverTapCredentials;
import dev.ctgraphql.upstream.LimitClass;

/**
 * Ready when the service has a CleverTap to call: credentials, or the sandbox. It deliberately does not call CleverTap:
 * a replica taken out of rotation because CleverTap is slow would not get it back sooner, and cached answers can still
 * be served. The limiters' load is reported for operators.
 */
@Readiness
@ApplicationScoped
public class ReadinessCheck implements HealthCheck {

    private final CleverTapConfig config;
    private final CleverTapCredentials credentials;
    private final CleverTapCalls calls;

    ReadinessCheck(CleverTapConfig config, CleverTapCredentials credentials, CleverTapCalls calls) {
        this.config = config;
        this.credentials = credentials;
        this.calls = calls;
    }

    @Override
    public HealthCheckResponse call() {
        boolean sandbox = config.sandbox().enabled();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("clevertap")
                .status(sandbox || credentials.present())
                .withData("upstream", sandbox ? "sandbox" : config.baseUrl().isPresent() ? "custom" : config.region().name());
        for (LimitClass limitClass : LimitClass.values()) {
            var limiter = calls.limiter(limitClass);
            response.withData(limiter.name() + "InFlight", limiter.inUse()).withData(limiter.name() + "Queued",
                    limiter.queued());
        }
        return response.build();
    }
}
