package dev.ctgraphql.upstream;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;

/**
 * Every request to CleverTap goes through here: it waits for a permit of the call's concurrency class, reads both the
 * HTTP status and the body's {@code status}, retries what is safe to retry with jittered backoff, maps failures to the
 * service's stable error codes and counts each attempt per endpoint and outcome. Each attempt reports to the
 * {@link UpstreamCircuit}, and none is sent while it is open.
 */
@ApplicationScoped
public class CleverTapCalls {

    private static final Logger LOG = Logger.getLogger(CleverTapCalls.class);
    /** Failure bodies are read up to this size; CleverTap's are a line of JSON. */
    private static final int MAX_BODY_BYTES = 64 * 1024;

    private final CleverTapConfig config;
    private final ObjectMapper mapper;
    private final MeterRegistry registry;
    private final AccountLimiter limiter;
    private final UpstreamCircuit circuit;

    CleverTapCalls(CleverTapConfig config, ObjectMapper mapper, MeterRegistry registry, UpstreamCircuit circuit,
            AccountLimiter limiter) {
        this.config = config;
        this.mapper = mapper;
        this.registry = registry;
        this.circuit = circuit;
        this.limiter = limiter;
    }

    /**
     * Sends a request and returns CleverTap's answer whatever it says, except answers that mean "try again" (429,
     * 502-504, no answer), which are retried where safe and otherwise fail with {@link CleverTapRateLimitedException}
     * or {@link CleverTapUnavailableException}.
     */
    public Uni<CleverTapResponse> exchange(Endpoint endpoint, Supplier<Uni<RestResponse<String>>> request) {
        return exchange(endpoint, request, config.retry().maxRetries());
    }

    /**
     * Like {@link #exchange(Endpoint, Supplier)} with its own number of retries. A 429, a 503 or a failed connection
     * (CleverTap did not act) is retried for any endpoint; a 502, a 504 or a lost answer (CleverTap may have acted) only
     * for endpoints marked retryable (idempotent).
     */
    public Uni<CleverTapResponse> exchange(Endpoint endpoint, Supplier<Uni<RestResponse<String>>> request, int maxRetries) {
        Uni<CleverTapResponse> once = Uni.createFrom().deferred(() -> {
            Timer.Sample sample = Timer.start(registry);
            // a permit the limiter refuses sends nothing: it is no failure of CleverTap's (nor counted as a call);
            // the circuit is asked once a permit is granted: calls queued before it opened are not sent either
            return limiter.acquire(endpoint.limitClass()).onItem().transformToUni(permit -> circuit
                    .send(endpoint, () -> Uni.createFrom().deferred(request::get).onFailure().transform(failure -> {
                        count(endpoint, sample, "no_answer");
                        return transportFailure(endpoint, failure);
                    }).map(this::parse))
                    .onTermination().invoke(permit::release))
                    .map(answer -> {
                        count(endpoint, sample, outcome(answer));
                        failIfRetryable(endpoint, answer);
                        return answer;
                    });
        });
        if (maxRetries <= 0) {
            return once;
        }
        // a full queue is this process' own limit, answered before anything was sent: not retried
        return once.onFailure(f -> (f instanceof CleverTapRateLimitedException && !(f instanceof CleverTapQueueFullException))
                || (f instanceof CleverTapUnavailableException u && !(f instanceof CleverTapCircuitOpenException)
                        && (u.notProcessed() || endpoint.retryable())))
                .retry()
                .withBackOff(config.retry().initialBackoff(), config.retry().maxBackoff())
                .withJitter(0.5)
                .atMost(maxRetries);
    }

    /** Like {@link #exchange}, and also fails on any answer that is not a success; returns the body. */
    public Uni<JsonNode> call(Endpoint endpoint, Supplier<Uni<RestResponse<String>>> request) {
        return exchange(endpoint, request).map(response -> requireOk(endpoint, response).body());
    }

    /** Returns {@code response} when it is a success, else throws the exception matching CleverTap's failure. */
    public CleverTapResponse requireOk(Endpoint endpoint, CleverTapResponse response) {
        if (response.ok()) {
            return response;
        }
        // CleverTap's own words stay out of the log: its error text can echo what it was sent
        LOG.warnf("CleverTap refused %s: HTTP %d, code %d", endpoint.key(), response.httpStatus(), response.code());
        int status = response.httpStatus();
        if (status == 401 || status == 403 || response.code() == 401 || response.code() == 403) {
            throw new CleverTapAuthFailedException("CleverTap refused this service's credentials for the " + endpoint.name()
                    + " request; check the account id, passcode and region the service is configured with");
        }
        if (status == 404) {
            throw new CleverTapNotFoundException("CleverTap found nothing for the " + endpoint.name() + " request");
        }
        if (status == 429 || response.code() == 429) {
            throw new CleverTapRateLimitedException("CleverTap is limiting requests; retry the " + endpoint.name() + " later");
        }
        if (status >= 500) {
            throw new CleverTapUnavailableException("CleverTap failed to answer the " + endpoint.name() + " request");
        }
        throw new CleverTapUpstreamException("CleverTap rejected the " + endpoint.name() + " request"
                + (response.code() >= 0 ? " (code " + response.code() + ")" : ""));
    }

    private CleverTapResponse parse(RestResponse<String> response) {
        String text = text(response);
        JsonNode body = MissingNode.getInstance();
        if (text != null && !text.isBlank()) {
            try {
                body = mapper.readTree(text);
            } catch (JsonProcessingException e) {
                body = MissingNode.getInstance();
            }
        }
        return new CleverTapResponse(response.getStatus(), body);
    }

    /**
     * The body as text. With the default exception mapper off, the REST client hands over bodies of 4xx/5xx answers
     * unread (a stream), whatever the declared type.
     */
    private static String text(RestResponse<?> response) {
        Object entity = response.getEntity();
        if (entity == null || entity instanceof String) {
            return (String) entity;
        }
        if (entity instanceof InputStream stream) {
            try (stream) {
                return new String(stream.readNBytes(MAX_BODY_BYTES), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return null;
            }
        }
        return response.readEntity(String.class);
    }

    private void count(Endpoint endpoint, Timer.Sample sample, String outcome) {
        sample.stop(registry.timer("clevertap.upstream.duration", "endpoint", endpoint.key(), "outcome", outcome));
        Counter.builder("clevertap.upstream.calls").description("Requests sent to CleverTap")
                .tag("endpoint", endpoint.key()).tag("outcome", outcome).register(registry).increment();
    }

    private static String outcome(CleverTapResponse answer) {
        if (answer.httpStatus() == 429 || answer.code() == 429) {
            return "rate_limited";
        }
        if (answer.httpStatus() >= 500) {
            return "server_error";
        }
        return answer.ok() ? "success" : "fail";
    }

    private void failIfRetryable(Endpoint endpoint, CleverTapResponse answer) {
        int status = answer.httpStatus();
        if (status == 429) {
            LOG.debugf("CleverTap answered 429 to %s", endpoint.key());
            throw new CleverTapRateLimitedException("CleverTap is limiting requests; retry the " + endpoint.name() + " later");
        }
        if (status == 502 || status == 503 || status == 504) {
            LOG.debugf("CleverTap answered %d to %s", status, endpoint.key());
            // 503 is CleverTap's documented "service unavailable, retry later"; a 502/504 may come after it acted
            throw new CleverTapUnavailableException("CleverTap is unavailable; the " + endpoint.name() + " request failed",
                    status == 503);
        }
    }

    private static CleverTapException transportFailure(Endpoint endpoint, Throwable failure) {
        if (failure instanceof CleverTapException known) {
            return known;
        }
        boolean timeout = false;
        boolean neverConnected = false;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (t instanceof TimeoutException || message.contains("timeout") || message.contains("timed out")) {
                timeout = true;
            }
            if (t instanceof ConnectException || t instanceof UnknownHostException) {
                neverConnected = true;
            }
        }
        // a connect timeout also means nothing was sent
        String what = neverConnected ? "connection failed" : timeout ? "timed out" : "connection lost";
        LOG.warnf("No answer from CleverTap to %s: %s", endpoint.key(), what);
        return new CleverTapUnavailableException("CleverTap did not answer the " + endpoint.name() + " request (" + what + ")",
                neverConnected);
    }
}
