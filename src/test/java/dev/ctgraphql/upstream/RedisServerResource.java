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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real {@code redis-server} (from the PATH, e.g. Debian's) on a free loopback port, without persistence, for the
 * tests of the shared cache tier; it sets {@code clevertap.shared-cache.redis-url}.
 */
public class RedisServerResource implements QuarkusTestResourceLifecycleManager {

    private static final Duration STARTUP = Duration.ofSeconds(15);

    /** The one started last, for tests that stop and start it again. */
    private static volatile RedisServerResource current;

    private Process process;
    private String url;
    private int port;
    private Path dataDir;

    /** Marks a {@code String} field of a test that receives the address of the Redis, e.g. in an integration test. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface Url {
    }

    /** Init argument {@code persistent=true}: keeps the data on disk (append-only file), so that a restart keeps it. */
    @Override
    public void init(Map<String, String> initArgs) {
        if (Boolean.parseBoolean(initArgs.getOrDefault("persistent", "false"))) {
            try {
                dataDir = Files.createTempDirectory("clevertap-graphql-redis");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public Map<String, String> start() {
        port = freePort();
        launch();
        url = "redis://127.0.0.1:" + port;
        current = this;
        return Map.of("clevertap.shared-cache.redis-url", url);
    }

    /** The server started last. */
    public static RedisServerResource current() {
        return current;
    }

    /** The address of the server, once started. */
    public String url() {
        return url;
    }

    /** The server's loopback port, once started. */
    public int port() {
        return port;
    }

    /**
     * Starts the server again on the same port after {@link #stop()} (as a Redis that restarted): empty, or with what it
     * held when {@code persistent}; nothing when it runs.
     */
    public void restart() {
        // a second server on the same port would exit at once and leave this one unstoppable
        if (process == null || !process.isAlive()) {
            launch();
        }
    }

    private void launch() {
        List<String> command = new ArrayList<>(List.of("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--save", ""));
        if (dataDir == null) {
            command.addAll(List.of("--appendonly", "no"));
        } else {
            command.addAll(List.of("--appendonly", "yes", "--appendfsync", "always", "--dir", dataDir.toString()));
        }
        try {
            process = new ProcessBuilder(command)
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
    public static int freePort() {
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
