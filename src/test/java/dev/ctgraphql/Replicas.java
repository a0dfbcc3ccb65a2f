package dev.ctgraphql;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

import io.vertx.core.Vertx;

import dev.ctgraphql.upstream.RedisServerResource;

/**
 * Several processes of the packaged jar that an integration test starts, each on a free loopback port with the ITs' API
 * keys (the pom's {@code it.api-keys}) and its own log in the build folder, the redis-server they share, and a Vert.x
 * for the test's WebSockets; all stopped together on close.
 */
public final class Replicas implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofSeconds(90);

    /** One started process. */
    public record Replica(String name, int port, Process process, Path log) {

        /** The address of a path on it, e.g. {@code /graphql}. */
        public URI uri(String path) {
            return URI.create("http://127.0.0.1:" + port + path);
        }

        /** Ends it as {@code kill -9} would, without a shutdown. */
        public void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private final Path buildDir;
    private final String jar;
    private final List<Replica> started = new ArrayList<>();
    private final RedisServerResource redis = new RedisServerResource();
    private final Vertx vertx;

    /** Finds the packaged jar (the test is skipped for another artifact) and starts a redis-server. */
    public Replicas() {
        try {
            buildDir = Path.of(Replicas.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        Properties artifact = new Properties();
        try (Reader in = Files.newBufferedReader(buildDir.resolve("quarkus-artifact.properties"))) {
            artifact.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("no packaged application in " + buildDir + " (run mvn verify)", e);
        }
        Assumptions.assumeTrue("jar".equals(artifact.getProperty("type")), "these replicas are processes of the jar");
        jar = buildDir.resolve(artifact.getProperty("path")).toString();
        redis.start();
        vertx = Vertx.vertx();
    }

    /** The address of the shared redis-server. */
    public String redisUrl() {
        return redis.url();
    }

    /** A Vert.x for the test's clients, closed with the replicas. */
    public Vertx vertx() {
        return vertx;
    }

    /** Starts one replica with these settings (system properties) without waiting for it. */
    public Replica start(String name, Map<String, String> settings) {
        int port = RedisServerResource.freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port,
                "-Dclevertap-graphql.auth.api-keys=" + System.getProperty("it.api-keys"),
                "-Dquarkus.log.console.json.enabled=false"));
        settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", jar));
        Path log = buildDir.resolve("replica-" + name + ".log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Replica replica = new Replica(name, port, process, log);
            started.add(replica);
            return replica;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until every started replica that is alive answers {@code /q/health/ready} with 200. */
    public void awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        for (Replica replica : started) {
            while (!ready(replica)) {
                if (!replica.process().isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("replica " + replica.name() + " did not start; see " + replica.log());
                }
                Thread.sleep(100);
            }
        }
    }

    private static boolean ready(Replica replica) {
        try {
            HttpURLConnection connection = (HttpURLConnection) replica.uri("/q/health/ready").toURL().openConnection();
            connection.setConnectTimeout(500);
            connection.setReadTimeout(2000);
            try {
                return connection.getResponseCode() == 200;
            } finally {
                connection.disconnect();
            }
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        for (Replica replica : started) {
            replica.process().destroy();
        }
        for (Replica replica : started) {
            if (!replica.process().waitFor(10, TimeUnit.SECONDS)) {
                replica.process().destroyForcibly();
            }
        }
        started.clear();
        redis.stop();
    }
}
