package dev.ctgraphql.boot;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.microprofile.config.spi.Converter;

/**
 * Loads the classes a start needs (the list {@value #LIST}, recorded by {@code src/build/record-start-classes.sh}) on a
 * background thread while the main thread starts the service, so that the main thread, the start's critical path,
 * finds most of its classes read, parsed, defined and verified already.
 *
 * <p>
 * A plain start of the packaged fast-jar loads about 7,500 classes beyond the JDK's own archive; loading them cost the
 * main thread about 0.3 s of CPU and linking them about 0.15 s more (bench/results/startup-session6-preload-*).
 * Classes are loaded and linked, never initialised, so no static initialiser runs earlier or on another thread than it
 * would otherwise; a class the list names that this build does not have, or that does not link, is skipped. Runs only
 * under Quarkus' own class loader of a packaged fast-jar ({@code java -jar quarkus-run.jar}): not in dev mode or tests
 * run in the IDE, not in the appcds/aot builds (whose archives serve the classes already), not in a native executable.
 * Off with {@code CLEVERTAP_GRAPHQL_START_PRELOAD=false} (or {@code -Dclevertap-graphql.start.preload=false}), read
 * directly because the configuration is still being built when this runs.
 *
 * <p>
 * It is a configuration {@link Converter} only to be started that early: Quarkus instantiates the converters listed in
 * {@code META-INF/services} while it builds the static-init configuration, the first application code a start runs;
 * the converter itself converts to {@link Unused}, a type no setting has.
 */
public class ClassPreloader implements Converter<ClassPreloader.Unused> {

    static final String LIST = "META-INF/ctgraphql/start-classes.txt";

    static final String RUNNER_CLASS_LOADER = "io.quarkus.bootstrap.runner.RunnerClassLoader";

    private static final AtomicBoolean STARTED = new AtomicBoolean();

    /** The type this converter converts to, which no setting has. */
    public record Unused(String value) {
    }

    public ClassPreloader() {
        ClassLoader loader = ClassPreloader.class.getClassLoader();
        if (enabled(loader) && STARTED.compareAndSet(false, true)) {
            Thread thread = new Thread(() -> preload(loader), "start-class-preloader");
            thread.setDaemon(true);
            thread.start();
        }
    }

    /** On in a packaged fast-jar start unless switched off; never while a native image is built or run. */
    static boolean enabled(ClassLoader loader) {
        if (loader == null || !loader.getClass().getName().equals(RUNNER_CLASS_LOADER)
                || System.getProperty("org.graalvm.nativeimage.imagecode") != null) {
            return false;
        }
        return switchedOn(System.getProperty("clevertap-graphql.start.preload",
                System.getenv("CLEVERTAP_GRAPHQL_START_PRELOAD")));
    }

    /** Whether the setting (null when unset) leaves the preloader on: anything but {@code false} does. */
    static boolean switchedOn(String setting) {
        return setting == null || !setting.trim().equalsIgnoreCase("false");
    }

    /** Loads and links every class the list names, in its order; returns how many were loaded. */
    static int preload(ClassLoader loader) {
        InputStream in = loader.getResourceAsStream(LIST);
        if (in == null) {
            return 0;
        }
        int loaded = 0;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String name;
            while ((name = lines.readLine()) != null) {
                if (load(name.trim(), loader)) {
                    loaded++;
                }
            }
        } catch (IOException e) {
            // the list could not be read to its end: the main thread loads the rest itself
        }
        return loaded;
    }

    private static boolean load(String name, ClassLoader loader) {
        if (name.isEmpty() || name.startsWith("#")) {
            return false;
        }
        try {
            // listing its constructors makes the JVM link the class first (verify its bytecode), which the main thread
            // would otherwise do at its first use; neither runs its static initialiser
            Class.forName(name, false, loader).getDeclaredConstructors();
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            // not in this build (the list is older than a dependency change), or not loadable here: the main
            // thread, should it need the class, meets the same outcome itself
            return false;
        }
    }

    @Override
    public Unused convert(String value) {
        return new Unused(value);
    }
}
