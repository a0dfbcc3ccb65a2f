package dev.ctgraphql.upstream;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.inject.Inject;

import org.jboss.resteasy.reactive.RestResponse;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import dev.ctgraphql.event.EventClient;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

/**
 * An upload read for a request on its Vert.x context reads its records on a worker thread of that context: the event
 * loop writes each chunk's request and reads CleverTap's answers while records are read (read on the event loop, each
 * answer waited for a whole chunk's reading, and each chunk's request for the reading to yield).
 */
@QuarkusTest
class UploadFeedTest {

    private static final String STORED = "{\"status\":\"success\",\"processed\":1000,\"unprocessed\":[]}";

    @Inject
    Uploads uploads;
    @Inject
    EventClient events;
    @Inject
    Vertx vertx;

    @Test
    void cleverTapsAnswerToAChunkIsReadWhileTheNextChunkIsBeingRead() throws Exception {
        int chunks = 3;
        UploadReader eventReader = events.reader();
        CountDownLatch firstAnswered = new CountDownLatch(1);
        AtomicInteger read = new AtomicInteger();
        AtomicReference<Boolean> answeredWhileReading = new AtomicReference<>();
        UploadReader slow = (parser, where) -> {
            if (read.incrementAndGet() == 1500) {
                // a reading that takes long: the answer to the first chunk comes meanwhile, through the event loop
                answeredWhileReading.set(await(firstAnswered));
            }
            return eventReader.read(parser, where);
        };
        List<Integer> readAtRequest = Collections.synchronizedList(new ArrayList<>());
        Endpoint endpoint = new Endpoint("event upload", "POST", CleverTapPaths.UPLOAD, LimitClass.UPLOAD, false);
        CompletableFuture<UploadFeed.Result> result = new CompletableFuture<>();
        Context request = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());

        request.runOnContext(ignored -> UploadFeed.send("events", parser(chunks * 1000), slow,
                listener -> uploads.stream(endpoint, 1000, body -> {
                    readAtRequest.add(read.get());
                    // CleverTap answers a moment later, on the request's event loop
                    return Uni.createFrom().emitter(answer -> request.owner().setTimer(1,
                            id -> answer.complete(RestResponse.ok(STORED))));
                }, items -> {
                    firstAnswered.countDown();
                    return Uni.createFrom().voidItem();
                }, listener))
                .subscribe().with(result::complete, result::completeExceptionally));

        UploadFeed.Result outcome = result.get(20, TimeUnit.SECONDS);
        assertThat(answeredWhileReading.get(), equalTo(true));
        assertThat(readAtRequest.size(), equalTo(chunks));
        // the first chunk was requested while the reading waited at record 1500, not once it went on
        assertThat(readAtRequest.get(0), lessThanOrEqualTo(1500));
        assertThat(outcome.accepted(), equalTo(chunks * 1000));
        assertThat(outcome.rejected(), empty());
    }

    private static boolean await(CountDownLatch latch) {
        try {
            return latch.await(3, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static JsonParser parser(int count) {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < count; i++) {
            json.append(i == 0 ? "" : ",").append("{\"identity\":\"u-").append(i).append("\",\"name\":\"Viewed\"}");
        }
        try {
            return new JsonFactory().createParser(json.append(']').toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
