package dev.ctgraphql.upstream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.sameInstance;

class AsyncLimiterTest {

    @Test
    void neverRunsMoreThanItsPermitsAndServesWaitersInArrivalOrder() {
        AsyncLimiter limiter = new AsyncLimiter("test", 2, 10);
        List<UniEmitter<? super String>> running = Collections.synchronizedList(new ArrayList<>());
        List<String> started = Collections.synchronizedList(new ArrayList<>());
        List<String> finished = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 5; i++) {
            String name = "op" + i;
            limiter.run(() -> Uni.createFrom().<String>emitter(e -> {
                started.add(name);
                running.add(e);
            })).subscribe().with(finished::add);
        }
        assertThat(started, contains("op0", "op1"));
        assertThat(limiter.inUse(), equalTo(2));
        assertThat(limiter.queued(), equalTo(3));

        running.get(1).complete("op1");
        assertThat(started, contains("op0", "op1", "op2"));
        running.get(0).fail(new IllegalStateException("boom"));
        assertThat(started, contains("op0", "op1", "op2", "op3"));
        running.get(2).complete("op2");
        running.get(3).complete("op3");
        running.get(4).complete("op4");

        assertThat(finished, contains("op1", "op2", "op3", "op4"));
        assertThat(limiter.inUse(), equalTo(0));
        assertThat(limiter.peak(), equalTo(2));
    }

    @Test
    void beyondItsQueueBoundAnOperationFailsAtOnceAndIsNeverStarted() {
        AsyncLimiter limiter = new AsyncLimiter("test", 1, 2);
        List<String> started = Collections.synchronizedList(new ArrayList<>());
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 4; i++) {
            String name = "op" + i;
            limiter.run(() -> Uni.createFrom().<String>emitter(e -> started.add(name)))
                    .subscribe().with(ignored -> {
                    }, failures::add);
        }
        assertThat(started, contains("op0"));
        assertThat(limiter.queued(), equalTo(2));
        assertThat(failures.size(), equalTo(1));
        assertThat(failures.get(0) instanceof CleverTapRateLimitedException, equalTo(true));
        assertThat(failures.get(0).getMessage(), equalTo(
                "More than 2 test requests are already waiting for CleverTap; nothing was sent, retry later"));
    }

    @Test
    void aWaiterThatGivesUpLeavesTheQueueAndACancelledRunGivesItsPermitBack() {
        AsyncLimiter limiter = new AsyncLimiter("test", 1, 10);
        List<UniEmitter<? super String>> running = new ArrayList<>();
        Cancellable first = limiter.run(() -> Uni.createFrom().<String>emitter(running::add)).subscribe().with(x -> {
        });
        Cancellable waiting = limiter.run(() -> Uni.createFrom().<String>emitter(running::add)).subscribe().with(x -> {
        });
        assertThat(limiter.queued(), equalTo(1));

        waiting.cancel();
        assertThat(limiter.queued(), equalTo(0));
        first.cancel();
        assertThat(limiter.inUse(), equalTo(0));

        String value = limiter.run(() -> Uni.createFrom().item("free")).await().atMost(Duration.ofSeconds(1));
        assertThat(value, equalTo("free"));
    }

    @Test
    void aQueuedOperationRunsOnTheContextItQueuedOnNotOnTheOneThatFreedThePermit() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            AsyncLimiter limiter = new AsyncLimiter("test", 1, 10);
            // two requests: each runs on its own duplicated context, as Quarkus gives every HTTP request
            Context root = vertx.getOrCreateContext();
            Context first = VertxContext.createNewDuplicatedContext(root);
            Context second = VertxContext.createNewDuplicatedContext(root);
            CompletableFuture<UniEmitter<? super String>> holder = new CompletableFuture<>();
            CompletableFuture<Context> ranOn = new CompletableFuture<>();
            first.runOnContext(
                    v -> limiter.run(() -> Uni.createFrom().<String>emitter(holder::complete)).subscribe().with(x -> {
                    }));
            UniEmitter<? super String> holding = holder.get(5, TimeUnit.SECONDS);
            CountDownLatch queued = new CountDownLatch(1);
            second.runOnContext(v -> {
                limiter.run(() -> {
                    ranOn.complete(Vertx.currentContext());
                    return Uni.createFrom().item("done");
                }).subscribe().with(x -> {
                });
                queued.countDown();
            });
            queued.await(5, TimeUnit.SECONDS);
            assertThat(limiter.queued(), equalTo(1));

            first.runOnContext(v -> holding.complete("free"));

            assertThat(ranOn.get(5, TimeUnit.SECONDS), sameInstance(second));
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        }
    }
}
