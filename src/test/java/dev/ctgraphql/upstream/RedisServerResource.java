package dev.ctgraphql.upstream;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real {@code redis-server} (from the PATH, e.g. Debian's) on a free loopback port, without persistence, for the
 * tests of the shared cache tier; it sets {@code clevertap.shared-cache.redis-url}.
 */
public class RedisServerResource implements QuarkusTestResourceLifecycleManager {

    private static final Duration STARTUP = Duration.ofSeconds(15);

    private Process process;
    private String url;
    private int port;

    /** Marks a {@code String} field of a test that receives the address of the Redis, e.g. in an integration test. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface Url {
    }

    @Override
    public Map<String, String> start() {
        port = freePort();
        launch();
        url = "redis://127.0.0.1:" + port;
        return Map.of("clevertap.shared-cache.redis-url", url);
    }

    /** The address of the server, once started. */
    public String url() {
        return url;
    }

    /** Starts the server again on the same port, empty, after {@link #stop()} (as a Redis that restarted). */
    public void restart() {
        launch();
    }

    private void launch() {
        try {
            process = new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1", "--save", "",
                    "--appendonly", "no")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start redis-server (install it: apt-get install -y redis-server)", e);
        }
        awaitPort(port);
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(url, new TestInjector.AnnotatedAndMatchesType(Url.class, String.class));
    }

    @Override
    public void stop() {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A loopback port nothing listens on right now. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitPort(int port) {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited with " + process.exitValue() + "; see " + log());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(interrupted);
                }
            }
        }
        stop();
        throw new IllegalStateException("redis-server did not listen on port " + port + " within " + STARTUP);
    }

    private static File log() {
        return new File(System.getProperty("java.io.tmpdir"), "clevertap-graphql-redis-server.log");
    }
}
