package dev.ctgraphql.upstream;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.jboss.resteasy.reactive.RestResponse;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import dev.ctgraphql.event.EventClient;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

/**
 * An upload read on a request's event loop sends each chunk as soon as it is full: its request is made before the next
 * record is read, not once the reading pauses (the circuit breaker hands each call to the event loop, so a feed that
 * read on would hold every request back until up to twice the limit of chunks were read).
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
    void eachChunkIsRequestedBeforeTheNextRecordIsRead() throws Exception {
        int chunks = 5;
        AtomicInteger read = new AtomicInteger();
        UploadReader eventReader = events.reader();
        UploadReader counting = (parser, where) -> {
            read.incrementAndGet();
            return eventReader.read(parser, where);
        };
        List<Integer> readAtRequest = Collections.synchronizedList(new ArrayList<>());
        List<UniEmitter<? super RestResponse<String>>> answers = Collections.synchronizedList(new ArrayList<>());
        Endpoint endpoint = new Endpoint("event upload", "POST", CleverTapPaths.UPLOAD, LimitClass.UPLOAD, false);
        CompletableFuture<UploadFeed.Result> result = new CompletableFuture<>();
        Context request = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());

        request.runOnContext(ignored -> UploadFeed.send("events", parser(chunks * 1000), counting,
                listener -> uploads.stream(endpoint, 1000, body -> {
                    readAtRequest.add(read.get());
                    // CleverTap answers once every chunk was requested, below
                    return Uni.createFrom().emitter(answers::add);
                }, items -> Uni.createFrom().voidItem(), listener))
                .subscribe().with(result::complete, result::completeExceptionally));

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (answers.size() < chunks && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(readAtRequest, contains(1000, 2000, 3000, 4000, 5000));
        List<UniEmitter<? super RestResponse<String>>> all;
        synchronized (answers) {
            all = new ArrayList<>(answers);
        }
        all.forEach(answer -> answer.complete(RestResponse.ok(STORED)));
        UploadFeed.Result outcome = result.get(10, TimeUnit.SECONDS);
        assertThat(outcome.accepted(), equalTo(chunks * 1000));
        assertThat(outcome.rejected(), empty());
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
