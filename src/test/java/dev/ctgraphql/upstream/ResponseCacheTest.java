package dev.ctgraphql.upstream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Stale-while-revalidate, stale-if-error and the memory bounds of {@link ResponseCache}, with loaders that
 * stand for CleverTap (their call counts are the upstream calls).
 */
@QuarkusTest
class ResponseCacheTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Inject
    ResponseCache cache;

    @Inject
    Vertx vertx;

    @Inject
    MeterRegistry registry;

    /** One event loop for every request of a test, so that their tasks run in the order they were sent. */
    private Context eventLoop;

    @BeforeEach
    void emptyCaches() {
        cache.clear().await().atMost(WAIT);
        eventLoop = vertx.getOrCreateContext();
    }

    @Test
    void anExpiredEntryIsAnsweredAtOnceWhileOneBackgroundCallRefreshesIt() throws Exception {
        String key = "swr " + UUID.randomUUID();
        AtomicInteger calls = new AtomicInteger();
        CompletableFuture<JsonNode> slowAnswer = new CompletableFuture<>();
        Supplier<Uni<JsonNode>> upstream = () -> calls.incrementAndGet() == 1
                ? Uni.createFrom().item(count(1))
                : Uni.createFrom().completionStage(slowAnswer);
        Supplier<Long> get = () -> cache.get("counts", key, upstream, json -> json.path("count").asLong(),
                value -> Duration.ofSeconds(1)).await().atMost(WAIT);

        assertThat(get.get(), equalTo(1L));
        Thread.sleep(1100);
        List<Long> answers = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            // answered although the refresh has not come back (and never will, until completed below)
            answers.add(get.get());
        }
        assertThat(answers, everyItem(equalTo(1L)));
        assertThat("one refresh for all of them", calls.get(), equalTo(2));

        slowAnswer.complete(count(2));
        assertThat(get.get(), equalTo(2L));
        assertThat(calls.get(), equalTo(2));
    }

    @Test
    void aRefreshRunsOnANewContextNotOnTheRequestThatStartedIt() throws Exception {
        String key = "swr context " + UUID.randomUUID();
        CompletableFuture<Context> refreshedOn = new CompletableFuture<>();
        AtomicInteger calls = new AtomicInteger();
        Supplier<Uni<JsonNode>> upstream = () -> {
            if (calls.incrementAndGet() > 1) {
                refreshedOn.complete(Vertx.currentContext());
            }
            return Uni.createFrom().item(count(calls.get()));
        };
        onContext(() -> cache.get("counts", key, upstream, json -> json.path("count").asLong(),
                value -> Duration.ofMillis(300)));
        Thread.sleep(350);

        Context request = VertxContext.createNewDuplicatedContext(eventLoop);
        CompletableFuture<Long> answer = new CompletableFuture<>();
        request.runOnContext(ignored -> cache.get("counts", key, upstream, json -> json.path("count").asLong(),
                value -> Duration.ofMillis(300)).subscribe().with(answer::complete, answer::completeExceptionally));

        assertThat(answer.get(5, TimeUnit.SECONDS), equalTo(1L));
        Context refresh = refreshedOn.get(5, TimeUnit.SECONDS);
        assertThat("refreshed on a Vert.x context", refresh != null && VertxContext.isDuplicatedContext(refresh));
        assertThat("not on the request's own context", refresh != request);
    }

    @Test
    void pastTheRevalidationWindowAFailureAnswersTheKeptEntryWithAWarning() throws Exception {
        String key = "stale if error " + UUID.randomUUID();
        AtomicInteger calls = new AtomicInteger();
        Supplier<Uni<JsonNode>> upstream = () -> calls.incrementAndGet() == 1
                ? Uni.createFrom().item(count(7))
                : Uni.createFrom().failure(new CleverTapUnavailableException("CleverTap did not answer"));

        onContext(() -> cache.get("counts", key, upstream, json -> json.path("count").asLong(),
                value -> Duration.ofMillis(200)));
        // fresh for at most 200 ms, answered while revalidating for as long again: past both
        Thread.sleep(450);
        Noted<Long> answer = onContext(() -> cache.get("counts", key, upstream, json -> json.path("count").asLong(),
                value -> Duration.ofMillis(200)));

        assertThat(answer.value(), equalTo(7L));
        assertThat(calls.get(), equalTo(2));
        assertThat(answer.notes(), contains(new ResponseNotes.Stale("counts", answer.notes().get(0).age(),
                "UPSTREAM_UNAVAILABLE")));
        assertThat(answer.notes().get(0).age(), greaterThanOrEqualTo(Duration.ofMillis(450)));
    }

    @Test
    void whileTheLastRefreshFailedAStaleAnswerCarriesAWarning() throws Exception {
        String key = "swr failed " + UUID.randomUUID();
        AtomicInteger calls = new AtomicInteger();
        Supplier<Uni<JsonNode>> upstream = () -> calls.incrementAndGet() == 1
                ? Uni.createFrom().item(count(3))
                : Uni.createFrom().failure(new CleverTapRateLimitedException("CleverTap is limiting requests"));

        onContext(() -> cache.get("counts", key, upstream, json -> json.path("count").asLong(),
                value -> Duration.ofSeconds(1)));
        Thread.sleep(1050);
        Noted<Long> first = onContext(() -> cache.get("counts", key, upstream, json -> json.path("count").asLong(),
                value -> Duration.ofSeconds(1)));
        Noted<Long> second = onContext(() -> cache.get("counts", key, upstream, json -> json.path("count").asLong(),
                value -> Duration.ofSeconds(1)));

        assertThat(first.value(), equalTo(3L));
        assertThat("the refresh had not failed yet", first.notes(), empty());
        assertThat(second.value(), equalTo(3L));
        assertThat(second.notes().get(0).reason(), equalTo("UPSTREAM_RATE_LIMITED"));
    }

    @Test
    void refusedCredentialsAreNeverAnsweredWithAnOldEntry() throws Exception {
        String key = "auth " + UUID.randomUUID();
        AtomicInteger calls = new AtomicInteger();
        Supplier<Uni<JsonNode>> upstream = () -> calls.incrementAndGet() == 1
                ? Uni.createFrom().item(count(5))
                : Uni.createFrom().failure(new CleverTapAuthFailedException("CleverTap refused this service's credentials"));
        Supplier<Uni<Long>> get = () -> cache.get("counts", key, upstream, json -> json.path("count").asLong(),
                value -> Duration.ofMillis(200));

        get.get().await().atMost(WAIT);
        Thread.sleep(450);

        assertThrows(CleverTapAuthFailedException.class, () -> get.get().await().atMost(WAIT));
    }

    @Test
    void aCountStillRunningIsNeverKeptNorAnsweredStale() {
        String key = "pending " + UUID.randomUUID();
        AtomicInteger calls = new AtomicInteger();
        Supplier<Long> get = () -> cache.get("counts", key, () -> Uni.createFrom().item(count(calls.incrementAndGet())),
                json -> json.path("count").asLong(), value -> Duration.ZERO).await().atMost(WAIT);

        assertThat(get.get(), equalTo(1L));
        assertThat(get.get(), equalTo(2L));
    }

    @Test
    void largeAnswersAreBoundedByBytesAndSmallOnesByEntries() throws Exception {
        // exports: at most 64M (approximate bytes held), at most 500 entries
        String large = "x".repeat(1 << 20);
        for (int i = 0; i < 40; i++) {
            String page = "page " + i;
            cache.get("exports", page, () -> Uni.createFrom().item(JsonNodeFactory.instance.objectNode().put("records", large)),
                    json -> json.path("records").asText().length()).await().atMost(WAIT);
        }
        long bytes = awaitBelow(() -> weight("exports"), 64L << 20);
        assertThat("large answers weigh what they hold", bytes, greaterThan(4L << 20));
        assertThat(cache.size("exports"), lessThan(40L));

        for (int i = 0; i < 700; i++) {
            String key = "small " + i;
            cache.get("exports", key, () -> Uni.createFrom().item(count(1)), json -> 1).await().atMost(WAIT);
        }
        assertThat(awaitBelow(() -> cache.size("exports"), 500), lessThanOrEqualTo(500L));
    }

    private double weight(String cacheName) {
        return registry.get("clevertap.cache.weight").tag("cache", cacheName).gauge().value();
    }

    /** Waits for Caffeine's eviction, which runs in the background after writes. */
    private static long awaitBelow(Supplier<Number> measure, long bound) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        long value = measure.get().longValue();
        while (value > bound && System.nanoTime() < deadline) {
            Thread.sleep(20);
            value = measure.get().longValue();
        }
        assertThat(value, lessThanOrEqualTo(bound));
        return value;
    }

    private static JsonNode count(long value) {
        return JsonNodeFactory.instance.objectNode().put("count", value);
    }

    private record Noted<T>(T value, List<ResponseNotes.Stale> notes) {
    }

    /** Runs a lookup as a request would: on its own duplicated Vert.x context with a notes holder open. */
    private <T> Noted<T> onContext(Supplier<Uni<T>> lookup) throws Exception {
        Context request = VertxContext.createNewDuplicatedContext(eventLoop);
        CompletableFuture<Noted<T>> result = new CompletableFuture<>();
        request.runOnContext(ignored -> {
            try {
                ResponseNotes notes = ResponseNotes.open().orElseThrow();
                lookup.get().subscribe().with(value -> result.complete(new Noted<>(value, notes.stale())),
                        result::completeExceptionally);
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }
}
