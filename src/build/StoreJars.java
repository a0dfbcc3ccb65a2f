import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Rewrites every jar of a packaged application folder (target/quarkus-app) with its entries stored instead of deflated,
 * so that a plain start reads each class it loads without inflating it.
 *
 * <p>
 * A plain start (no class data archive) loads about 9,700 classes from these jars and spent about 0.17 s of CPU
 * inflating them, 0.12 s of it on the main thread (bench/results/startup-session6-*). The folder grows from about 50 MB
 * to about 120 MB; the archives of the appcds and aot profiles serve their classes without reading the jars, so those
 * builds skip this step (it would also make their archives, which check each jar's size and time, unusable). Entries
 * keep their order, names, times and bytes; a jar whose entries are all stored already is left as it is. A missing
 * folder (a native build) is not an error. Run as a single-file program (JDK 11+), by the Maven build in the package
 * phase: {@code java src/build/StoreJars.java target/quarkus-app}.
 *
 * <p>
 * Given a zip instead ({@code target/function.zip} of the lambda profile: the classes and {@code lib/*.jar}, which
 * Lambda unpacks into {@code /var/task} and puts on the class path), it rewrites the jars inside the zip the same way;
 * the zip itself stays deflated, so its upload size barely changes while the unpacked function grows from about 60 MB
 * to about 135 MB (Lambda allows 250 MB). A zip with no deflated jar inside (the native function: {@code bootstrap}
 * and the executable) or whose jars are all stored already is left untouched (rewriting would drop its entries' Unix
 * permissions, which {@code java.util.zip} cannot write). A missing zip is not an error.
 */
public final class StoreJars {

    private StoreJars() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: java StoreJars.java <application folder>");
        }
        Path folder = Path.of(args[0]);
        if (Files.isRegularFile(folder) && folder.getFileName().toString().endsWith(".zip")) {
            storeInside(folder);
            return;
        }
        if (!Files.isDirectory(folder)) {
            return;
        }
        List<Path> jars;
        try (Stream<Path> files = Files.walk(folder)) {
            jars = files.filter(file -> file.getFileName().toString().endsWith(".jar")).sorted().toList();
        }
        long before = 0;
        long after = 0;
        int rewritten = 0;
        for (Path jar : jars) {
            before += Files.size(jar);
            if (store(jar)) {
                rewritten++;
            }
            after += Files.size(jar);
        }
        System.err.printf("StoreJars: %d of %d jars in %s rewritten with stored entries (%.1f MB -> %.1f MB)%n", rewritten,
                jars.size(), folder, before / 1e6, after / 1e6);
    }

    /** Rewrites one jar with stored entries, through a temporary file; false when every entry is stored already. */
    private static boolean store(Path jar) throws IOException {
        Path stored = jar.resolveSibling(jar.getFileName() + ".stored");
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            if (allStored(zip)) {
                return false;
            }
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(stored))) {
                writeStored(zip, out);
            }
        } catch (IOException | UncheckedIOException e) {
            Files.deleteIfExists(stored);
            throw e;
        }
        Files.move(stored, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return true;
    }

    /** Whether every entry of {@code zip} is stored already. */
    private static boolean allStored(ZipFile zip) {
        return zip.stream().allMatch(entry -> entry.getMethod() == ZipEntry.STORED);
    }

    /** Writes every entry of {@code zip}, in order, stored (its name, time, comment and bytes kept) to {@code target}. */
    private static void writeStored(ZipFile zip, OutputStream target) throws IOException {
        ZipOutputStream out = new ZipOutputStream(target);
        forEachEntry(zip, (entry, bytes) -> put(out, entry, bytes, true));
        out.setComment(zip.getComment());
        out.finish();
    }

    /** What is done with one entry of a zip and its whole uncompressed bytes. */
    @FunctionalInterface
    private interface EntryAction {
        void accept(ZipEntry entry, byte[] bytes) throws IOException;
    }

    /** Reads every entry of {@code zip}, in order, and hands it to {@code action} with its bytes. */
    private static void forEachEntry(ZipFile zip, EntryAction action) throws IOException {
        Enumeration<? extends ZipEntry> entries = zip.entries();
        while (entries.hasMoreElements()) {
            ZipEntry entry = entries.nextElement();
            byte[] bytes;
            try (InputStream in = zip.getInputStream(entry)) {
                bytes = in.readAllBytes();
            }
            action.accept(entry, bytes);
        }
    }

    /** Writes an entry named, timed and commented as {@code entry}, of {@code bytes}, stored or else deflated. */
    private static void put(ZipOutputStream out, ZipEntry entry, byte[] bytes, boolean store) throws IOException {
        ZipEntry copy = new ZipEntry(entry.getName());
        copy.setTime(entry.getTime());
        copy.setComment(entry.getComment());
        if (store) {
            CRC32 crc = new CRC32();
            crc.update(bytes);
            copy.setMethod(ZipEntry.STORED);
            copy.setSize(bytes.length);
            copy.setCompressedSize(bytes.length);
            copy.setCrc(crc.getValue());
        }
        out.putNextEntry(copy);
        out.write(bytes);
        out.closeEntry();
    }

    /**
     * Rewrites the jars inside a zip with stored entries, through a temporary file; every other entry keeps its bytes
     * and method, and the jars stay deflated in the zip.
     */
    private static void storeInside(Path zipFile) throws IOException {
        Path rewritten = zipFile.resolveSibling(zipFile.getFileName() + ".stored");
        long before = Files.size(zipFile);
        int[] jars = { 0 };
        long[] unpacked = { 0 };
        try (ZipFile zip = new ZipFile(zipFile.toFile())) {
            if (zip.stream().noneMatch(StoreJars::isJar)) {
                return;
            }
            try (ZipOutputStream out = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(rewritten)))) {
                forEachEntry(zip, (entry, bytes) -> {
                    byte[] written = isJar(entry) ? storedJar(bytes) : bytes;
                    if (written != bytes) {
                        jars[0]++;
                    }
                    unpacked[0] += written.length;
                    put(out, entry, written, entry.getMethod() == ZipEntry.STORED);
                });
                out.setComment(zip.getComment());
            }
        } catch (IOException | UncheckedIOException e) {
            Files.deleteIfExists(rewritten);
            throw e;
        }
        if (jars[0] == 0) {
            Files.delete(rewritten);
            return;
        }
        Files.move(rewritten, zipFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        System.err.printf("StoreJars: %d jars in %s rewritten with stored entries (%.1f MB -> %.1f MB; %.1f MB unpacked)%n",
                jars[0], zipFile, before / 1e6, Files.size(zipFile) / 1e6, unpacked[0] / 1e6);
    }

    /** Whether an entry of a zip is a jar. */
    private static boolean isJar(ZipEntry entry) {
        return !entry.isDirectory() && entry.getName().endsWith(".jar");
    }

    /** The bytes of a jar inside a zip, rewritten with stored entries (the same array when all are stored already). */
    private static byte[] storedJar(byte[] bytes) throws IOException {
        Path inner = Files.createTempFile("store-jars", ".jar");
        try {
            Files.write(inner, bytes);
            try (ZipFile jar = new ZipFile(inner.toFile())) {
                if (allStored(jar)) {
                    return bytes;
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length * 3);
                writeStored(jar, out);
                return out.toByteArray();
            }
        } finally {
            Files.deleteIfExists(inner);
        }
    }
}
