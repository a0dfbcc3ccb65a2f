package dev.ctgraphql.observability;

import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import dev.ctgraphql.upstream.AccountLimiter;
import dev.ctgraphql.upstream.CleverTapConfig;
import dev.ctgraphql.upstream.CleverTapCredentials;
import dev.ctgraphql.upstream.LimitClass;
import dev.ctgraphql.upstream.SharedRedis;

/**
 * Ready when the service has a CleverTap to call: credentials, or the sandbox. It deliberately does not call CleverTap:
 * a replica taken out of rotation because CleverTap is slow would not get it back sooner, and cached answers can still
 * be served. The limiters' load is reported for operators, and how CleverTap's per-account limits are kept:
 * {@code limiter} is {@code local} (this process alone), {@code shared} (every replica through Redis) or
 * {@code fallback} (Redis does not answer: this replica stays UP, serving cached answers and calling CleverTap within
 * its local share, {@code limiterShareOther}/{@code limiterShareUpload}). With the shared Redis, {@code sharedFailing}
 * names what replicas share through it and cannot right now (e.g. {@code webhook store}: calls are kept by this replica
 * only); the replica stays UP.
 */
@Readiness
@ApplicationScoped
public class ReadinessCheck implements HealthCheck {

    private final CleverTapConfig config;
    private final CleverTapCredentials credentials;
    private final AccountLimiter limiter;
    private final SharedRedis shared;

    ReadinessCheck(CleverTapConfig config, CleverTapCredentials credentials, AccountLimiter limiter, SharedRedis shared) {
        this.config = config;
        this.credentials = credentials;
        this.limiter = limiter;
        this.shared = shared;
    }

    @Override
    public HealthCheckResponse call() {
        boolean sandbox = config.sandbox().enabled();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("clevertap")
                .status(sandbox || credentials.present())
                .withData("upstream", sandbox ? "sandbox" : config.baseUrl().isPresent() ? "custom" : config.region().name());
        AccountLimiter.Mode mode = limiter.mode();
        response.withData("limiter", mode.name().toLowerCase(Locale.ROOT));
        for (LimitClass limitClass : LimitClass.values()) {
            String name = limitClass == LimitClass.UPLOAD ? "upload" : "other";
            response.withData(name + "InFlight", limiter.inFlight(limitClass)).withData(name + "Queued",
                    limiter.queued(limitClass));
            if (mode == AccountLimiter.Mode.FALLBACK) {
                response.withData("limiterShare" + (limitClass == LimitClass.UPLOAD ? "Upload" : "Other"),
                        limiter.fallbackShare(limitClass));
            }
        }
        if (mode != AccountLimiter.Mode.LOCAL) {
            response.withData("limiterReplicas", limiter.replicas());
        }
        List<String> failing = shared.failing();
        if (!failing.isEmpty()) {
            response.withData("sharedFailing", String.join(",", failing));
        }
        return response.build();
    }
}
