package dev.ctgraphql;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Vertx;

import dev.ctgraphql.upstream.RedisServerResource;

/**
 * Several replicas of the packaged application ({@link PackagedApp}) that an integration test starts, each on a free
 * loopback port with the ITs' API keys (the pom's {@code it.api-keys}), the redis-server they share, and a Vert.x for
 * the test's WebSockets; all stopped together on close.
 */
public final class Replicas implements AutoCloseable {

    /** One started replica. */
    public record Replica(String name, PackagedApp app) {

        public int port() {
            return app.port();
        }

        /** The address of a path on it, e.g. {@code /graphql}. */
        public URI uri(String path) {
            return URI.create("http://127.0.0.1:" + app.port() + path);
        }

        /** Ends it as {@code kill -9} would, without a shutdown. */
        public void kill() throws InterruptedException {
            app.kill();
        }
    }

    private final List<Replica> started = new ArrayList<>();
    private final RedisServerResource redis = new RedisServerResource();
    private final Vertx vertx = Vertx.vertx();

    /** Starts a redis-server. */
    public Replicas() {
        redis.start();
    }

    /** The address of the shared redis-server. */
    public String redisUrl() {
        return redis.url();
    }

    /** A Vert.x for the test's clients, closed with the replicas. */
    public Vertx vertx() {
        return vertx;
    }

    /** Starts one replica with these settings (system properties) without waiting for it; its log is {@code replica-<name>.log}. */
    public Replica start(String name, Map<String, String> settings) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("quarkus.http.host", "127.0.0.1");
        all.put("clevertap-graphql.auth.api-keys", System.getProperty("it.api-keys"));
        all.put("quarkus.log.console.json.enabled", "false");
        all.putAll(settings);
        Replica replica = new Replica(name,
                PackagedApp.start("replica-" + name, RedisServerResource.freePort(), all, List.of()));
        started.add(replica);
        return replica;
    }

    /** Waits until every started replica answers {@code /q/health/ready} with 200. */
    public void awaitReady() throws InterruptedException {
        for (Replica replica : started) {
            replica.app().awaitReady();
        }
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        for (Replica replica : started) {
            replica.app().stop();
        }
        started.clear();
        redis.stop();
    }
}
