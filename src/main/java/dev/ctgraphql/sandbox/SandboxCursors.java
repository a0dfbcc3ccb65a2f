package dev.ctgraphql.sandbox;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Open export cursors. A cursor is opaque and handed out already percent-encoded (base64 of random bytes, so it always
 * holds {@code %2B}, {@code %2F} and {@code %3D}); only that exact string finds its page again, so a client that
 * decodes it or encodes it a second time gets CleverTap's "Incorrect Usage". The least recently used are forgotten
 * past {@value #MAX_PAGES} pages.
 */
@ApplicationScoped
class SandboxCursors {

    static final int MAX_PAGES = 2000;

    /** What one opened query matched (events or profile ids), shared by all of its pages. */
    record Snapshot(String kind, List<?> items, int batchSize, SandboxRecords.Flags flags) {
    }

    /** One page of a snapshot; the first page of a new cursor answers "in progress" a few times. */
    static final class Page {
        final Snapshot snapshot;
        final int offset;
        final AtomicInteger warmups;
        private String next;

        Page(Snapshot snapshot, int offset, int warmups) {
            this.snapshot = snapshot;
            this.offset = offset;
            this.warmups = new AtomicInteger(warmups);
        }

        List<?> items() {
            return snapshot.items().subList(offset, Math.min(snapshot.items().size(), offset + snapshot.batchSize()));
        }

        boolean last() {
            return offset + snapshot.batchSize() >= snapshot.items().size();
        }
    }

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Page> pages = new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Page> eldest) {
            return size() > MAX_PAGES;
        }
    };

    /** Registers a new query's first page and answers its cursor. */
    String open(Snapshot snapshot, int warmups) {
        return register(new Page(snapshot, 0, warmups));
    }

    /** The page named by the exact cursor string a client sent, or null. */
    synchronized Page get(String cursor) {
        return cursor == null ? null : pages.get(cursor);
    }

    /** The cursor of the page after this one (the same string on every call), or null on the last page. */
    String next(Page page) {
        if (page.last()) {
            return null;
        }
        synchronized (page) {
            if (page.next == null) {
                page.next = register(new Page(page.snapshot, page.offset + page.snapshot.batchSize(), 0));
            }
            return page.next;
        }
    }

    synchronized void clear() {
        pages.clear();
    }

    private synchronized String register(Page page) {
        String cursor;
        do {
            cursor = newCursor();
        } while (pages.containsKey(cursor));
        pages.put(cursor, page);
        return cursor;
    }

    private String newCursor() {
        byte[] bytes = new byte[22];
        random.nextBytes(bytes);
        // 0xFB 0xFF at a 3-byte boundary encode as "+/"; 22 bytes end in "==".
        bytes[6] = (byte) 0xFB;
        bytes[7] = (byte) 0xFF;
        return URLEncoder.encode(Base64.getEncoder().encodeToString(bytes), StandardCharsets.UTF_8);
    }
}
