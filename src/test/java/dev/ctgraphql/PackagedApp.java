package dev.ctgraphql;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
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

import static io.restassured.RestAssured.given;

/**
 * The application the build packaged (the jar, or the native executable), started as a process of its own in its prod
 * profile, for integration tests that need more than the one process the test framework starts.
 */
public final class PackagedApp {

    private static final Duration STARTUP = Duration.ofSeconds(120);

    private final String name;
    private final int port;
    private final Process process;
    private final Path log;

    private PackagedApp(String name, int port, Process process, Path log) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /** The build's output folder (where {@code quarkus-artifact.properties} is). */
    public static Path buildDir() {
        try {
            return Path.of(PackagedApp.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Starts the packaged application on {@code port} with {@code settings} as system properties ({@code -Dkey=value}),
     * the JVM options applying to the jar only; its output goes to {@code <build dir>/<name>.log}. Skips the calling test
     * when the build packaged neither a jar nor a native executable.
     */
    public static PackagedApp start(String name, int port, Map<String, String> settings, List<String> jvmOptions) {
        Path buildDir = buildDir();
        Properties artifact = new Properties();
        try (Reader in = Files.newBufferedReader(buildDir.resolve("quarkus-artifact.properties"))) {
            artifact.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("no packaged application in " + buildDir, e);
        }
        String type = artifact.getProperty("type");
        Assumptions.assumeTrue("jar".equals(type) || "native".equals(type), "no separate process for a " + type + " artifact");
        List<String> properties = new ArrayList<>();
        properties.add("-Dquarkus.http.port=" + port);
        settings.forEach((key, value) -> properties.add("-D" + key + "=" + value));
        List<String> command = new ArrayList<>();
        String executable = buildDir.resolve(artifact.getProperty("path")).toString();
        if ("jar".equals(type)) {
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmOptions);
            command.addAll(properties);
            command.addAll(List.of("-jar", executable));
        } else {
            command.add(executable);
            command.addAll(properties);
        }
        Path log = buildDir.resolve(name + ".log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            return new PackagedApp(name, port, process, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + executable, e);
        }
    }

    /** Waits until {@code /q/health/ready} answers 200. */
    public PackagedApp awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (!ready()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " did not start; see " + log);
            }
            Thread.sleep(100);
        }
        return this;
    }

    public int port() {
        return port;
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** Kills the process at once, as {@code kill -9} does: it cannot clean anything up. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** Stops the process gracefully, forcibly after 10 s. */
    public void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            kill();
        }
    }

    private boolean ready() {
        try {
            return given().port(port).get("/q/health/ready").statusCode() == 200;
        } catch (Exception e) { // rest-assured throws the (checked) ConnectException as is
            return false;
        }
    }
}
