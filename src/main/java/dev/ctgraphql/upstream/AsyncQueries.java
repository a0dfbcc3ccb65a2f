package dev.ctgraphql.upstream;

import java.time.Duration;
import java.util.function.LongFunction;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;

/**
 * CleverTap's asynchronous queries (counts, trends, top values): the first answer may be
 * {@code {"status":"partial","req_id":N}}, after which the same path is polled with {@code ?req_id=N} until it succeeds.
 * Polling backs off from {@code clevertap.counts.poll-interval} to {@code max-poll-interval} and stops at a deadline,
 * answering "pending" with the request id so the caller can resume later.
 */
@ApplicationScoped
public class AsyncQueries {

    private final CleverTapCalls calls;
    private final CleverTapConfig config;

    AsyncQueries(CleverTapCalls calls, CleverTapConfig config) {
        this.calls = calls;
        this.config = config;
    }

    /** Either CleverTap's final body, or the request id of a query still running at the deadline. */
    public record Outcome(JsonNode body, Long requestId) {
        public boolean done() {
            return body != null;
        }
    }

    /** Submits a query and polls it until done or until {@code clevertap.counts.deadline}. */
    public Uni<Outcome> run(Endpoint submit, Supplier<Uni<RestResponse<String>>> request, Endpoint poll,
            LongFunction<Uni<RestResponse<String>>> fetch) {
        long deadline = System.nanoTime() + config.counts().deadline().toNanos();
        return calls.call(submit, request)
                .chain(body -> follow(body, poll, fetch, deadline, config.counts().pollInterval()));
    }

    /** Polls a query submitted earlier until done or until the deadline. */
    public Uni<Outcome> resume(long requestId, Endpoint poll, LongFunction<Uni<RestResponse<String>>> fetch) {
        long deadline = System.nanoTime() + config.counts().deadline().toNanos();
        return calls.call(poll, () -> fetch.apply(requestId))
                .chain(body -> follow(body, poll, fetch, deadline, config.counts().pollInterval()));
    }

    private Uni<Outcome> follow(JsonNode body, Endpoint poll, LongFunction<Uni<RestResponse<String>>> fetch, long deadline,
            Duration interval) {
        if (!"partial".equals(body.path("status").asText())) {
            return Uni.createFrom().item(new Outcome(body, null));
        }
        JsonNode id = body.path("req_id");
        if (!id.canConvertToLong() && !id.isTextual()) {
            throw new CleverTapUpstreamException(
                    "CleverTap answered the " + poll.name() + " request as unfinished without a request id");
        }
        long requestId = id.isTextual() ? Long.parseLong(id.asText()) : id.asLong();
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            return Uni.createFrom().item(new Outcome(null, requestId));
        }
        Duration pause = Duration.ofNanos(Math.min(interval.toNanos(), remaining));
        Duration nextInterval = interval.multipliedBy(2).compareTo(config.counts().maxPollInterval()) > 0
                ? config.counts().maxPollInterval()
                : interval.multipliedBy(2);
        return Pause.of(pause)
                .chain(() -> calls.call(poll, () -> fetch.apply(requestId)))
                .chain(next -> follow(next, poll, fetch, deadline, nextInterval));
    }
}
