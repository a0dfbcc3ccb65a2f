package dev.ctgraphql.upstream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

/**
 * Pauses shorter than a millisecond on an event loop, where Quarkus turns Mutiny's delays into Vert.x timers: the
 * pacer and the count poller asked for such pauses and the request failed with "illegal-argument".
 */
@QuarkusTest
class PauseTest {

    @Inject
    Vertx vertx;

    @Test
    void aPauseUnderAMillisecondOnAnEventLoopWaitsOneMillisecond() throws Exception {
        long took = onEventLoop(() -> {
            long start = System.nanoTime();
            return Pause.of(Duration.ofNanos(400_000))
                    .map(ignored -> System.nanoTime() - start);
        });

        assertThat(took, greaterThanOrEqualTo(1_000_000L));
    }

    @Test
    void pausesAreRoundedUpNeverDown() {
        assertThat(Pause.wholeMillis(Duration.ofNanos(1)), equalTo(1L));
        assertThat(Pause.wholeMillis(Duration.ofMillis(5)), equalTo(5L));
        assertThat(Pause.wholeMillis(Duration.ofNanos(5_000_001)), equalTo(6L));
    }

    @Test
    void aPacerFasterThanAMillisecondRunsEveryOperationFromAnEventLoop() throws Exception {
        // 2,000 per second: each operation after the first waits about half a millisecond for its slot
        AsyncPacer pacer = new AsyncPacer(2_000);

        List<Integer> ran = onEventLoop(() -> {
            List<Uni<Integer>> operations = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                int n = i;
                operations.add(pacer.run(() -> Uni.createFrom().item(n)));
            }
            return Uni.join().all(operations).andFailFast();
        });

        assertThat(ran.size(), equalTo(20));
        assertThat(ran.get(19), equalTo(19));
    }

    private <T> T onEventLoop(Supplier<Uni<T>> work) throws Exception {
        CompletableFuture<T> done = new CompletableFuture<>();
        vertx.getOrCreateContext()
                .runOnContext(ignored -> work.get().subscribe().with(done::complete, done::completeExceptionally));
        return done.get(10, TimeUnit.SECONDS);
    }
}
