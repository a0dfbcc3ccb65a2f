package dev.ctgraphql.bench;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The yardstick of bench/throughput.sh: {@code POST /bench/plain} reads the request body and answers fixed bytes, with
 * no GraphQL and no cache in between, so that the cached GraphQL query can be measured as a ratio to what this HTTP
 * stack can do at all. {@code PUT /bench/plain} sets the bytes (the script puts the GraphQL answer there, so both
 * send the same payload). Present only when {@code clevertap-graphql.bench.plain-endpoint=true} at run time.
 */
@ApplicationScoped
public class PlainBenchEndpoint {

    static final String PATH = "/bench/plain";
    private static final long MAX_BODY = 1 << 20;

    private final boolean enabled;
    private volatile Buffer answer = Buffer.buffer("{}");

    PlainBenchEndpoint(
            @ConfigProperty(name = "clevertap-graphql.bench.plain-endpoint", defaultValue = "false") boolean enabled) {
        this.enabled = enabled;
    }

    void install(@Observes Router router) {
        if (!enabled) {
            return;
        }
        // the body is read whole first, as /graphql reads it
        BodyHandler bodies = BodyHandler.create(false).setBodyLimit(MAX_BODY);
        router.post(PATH).handler(bodies).handler(ctx -> ctx.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(answer));
        router.put(PATH).handler(bodies).handler(ctx -> {
            answer = ctx.body().buffer().copy();
            ctx.response().setStatusCode(204).end();
        });
    }
}
