import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
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
 */
public final class StoreJars {

    private StoreJars() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: java StoreJars.java <application folder>");
        }
        Path folder = Path.of(args[0]);
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
            if (zip.stream().allMatch(entry -> entry.getMethod() == ZipEntry.STORED)) {
                return false;
            }
            try (ZipOutputStream out = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(stored)))) {
                Enumeration<? extends ZipEntry> entries = zip.entries();
                while (entries.hasMoreElements()) {
                    ZipEntry entry = entries.nextElement();
                    byte[] bytes;
                    try (InputStream in = zip.getInputStream(entry)) {
                        bytes = in.readAllBytes();
                    }
                    CRC32 crc = new CRC32();
                    crc.update(bytes);
                    ZipEntry copy = new ZipEntry(entry.getName());
                    copy.setTime(entry.getTime());
                    copy.setComment(entry.getComment());
                    copy.setMethod(ZipEntry.STORED);
                    copy.setSize(bytes.length);
                    copy.setCompressedSize(bytes.length);
                    copy.setCrc(crc.getValue());
                    out.putNextEntry(copy);
                    out.write(bytes);
                    out.closeEntry();
                }
                out.setComment(zip.getComment());
            }
        } catch (IOException | UncheckedIOException e) {
            Files.deleteIfExists(stored);
            throw e;
        }
        Files.move(stored, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return true;
    }
}
