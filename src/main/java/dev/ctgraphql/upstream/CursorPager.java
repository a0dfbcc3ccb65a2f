package dev.ctgraphql.upstream;

import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.smallrye.mutiny.Uni;

/**
 * CleverTap's export cursors (Get Events, Get Profiles): a POST opens a cursor, GETs with {@code ?cursor=} return pages
 * and {@code next_cursor} until it is absent.
 *
 * <p>
 * Cursors arrive already percent-encoded (encoding them a second time makes CleverTap answer "Incorrect Usage"), and a
 * cursor handed back by a caller is caller-supplied text: {@link #wireForm(String)} keeps its escapes and escapes
 * everything else that is not an unreserved character, so a cursor is always one query parameter value and never URL
 * syntax ({@code &}, {@code #}, {@code =} ...), and CleverTap's own cursors go back byte for byte. A page that is "still in progress" is asked for again with the same cursor, after a pause, a
 * bounded number of times. A cursor that comes back as its own successor ends the paging.
 */
@ApplicationScoped
public class CursorPager {

    /**
     * The cache region of export pages, shared by every domain that pages a cursor (events, profiles, a profile's
     * activity), so that a write which makes exports stale drops them all.
     */
    public static final String CACHE = "exports";

    private static final Logger LOG = Logger.getLogger(CursorPager.class);
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final CleverTapCalls calls;
    private final CleverTapConfig config;

    CursorPager(CleverTapCalls calls, CleverTapConfig config) {
        this.calls = calls;
        this.config = config;
    }

    /** One page of records and the cursor of the next one (null at the end). */
    public record Page(JsonNode records, String nextCursor) {
        public static Page empty() {
            return new Page(JsonNodeFactory.instance.arrayNode(), null);
        }
    }

    /** Opens a cursor and reads its first page; no cursor in the answer means no records. */
    public Uni<Page> first(Endpoint open, Supplier<Uni<RestResponse<String>>> request, Endpoint page,
            Function<String, Uni<RestResponse<String>>> fetch) {
        return calls.call(open, request).chain(body -> {
            String cursor = body.path("cursor").asText(null);
            if (cursor == null || cursor.isEmpty()) {
                return Uni.createFrom().item(Page.empty());
            }
            return next(cursor, page, fetch);
        });
    }

    /** Reads the page a cursor points at. */
    public Uni<Page> next(String cursor, Endpoint page, Function<String, Uni<RestResponse<String>>> fetch) {
        return read(cursor, page, fetch, config.cursors().inProgressRetries());
    }

    private Uni<Page> read(String cursor, Endpoint page, Function<String, Uni<RestResponse<String>>> fetch, int retriesLeft) {
        String wire = wireForm(cursor);
        return calls.exchange(page, () -> fetch.apply(wire)).chain(response -> {
            if (stillInProgress(response)) {
                if (retriesLeft <= 0) {
                    throw new CleverTapUnavailableException("CleverTap is still preparing this page; retry shortly");
                }
                LOG.debugf("Cursor page still in progress at %s, %d retries left", page.key(), retriesLeft);
                return Pause.of(config.cursors().inProgressDelay())
                        .chain(() -> read(cursor, page, fetch, retriesLeft - 1));
            }
            if (!response.ok() && response.code() == 3) {
                throw new CleverTapBadInputException(
                        "after: the cursor is not valid (it may have expired); start again without it");
            }
            JsonNode body = calls.requireOk(page, response).body();
            JsonNode records = body.path("records");
            String next = body.path("next_cursor").asText(null);
            if (next != null && (next.isEmpty() || next.equals(cursor))) {
                next = null;
            }
            return Uni.createFrom().item(new Page(records.isArray() ? records : JsonNodeFactory.instance.arrayNode(), next));
        });
    }

    /**
     * The cursor as it goes on the wire: its escapes ({@code %XX}) and unreserved characters ({@code A-Z a-z 0-9 - . _ ~})
     * as they are, every other byte (a {@code %} that starts no escape too) written as {@code %XX}. A cursor CleverTap
     * handed out comes back byte for byte; nothing else can become URL syntax. Only this form may be sent
     * {@code @Encoded}.
     */
    public static String wireForm(String cursor) {
        byte[] bytes = cursor.getBytes(StandardCharsets.UTF_8);
        StringBuilder wire = new StringBuilder(bytes.length + 16);
        for (int i = 0; i < bytes.length; i++) {
            int c = bytes[i] & 0xFF;
            if (c == '%' && i + 2 < bytes.length && hex(bytes[i + 1]) >= 0 && hex(bytes[i + 2]) >= 0) {
                wire.append('%').append((char) bytes[i + 1]).append((char) bytes[i + 2]);
                i += 2;
            } else if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
                    || c == '.' || c == '_' || c == '~') {
                wire.append((char) c);
            } else {
                wire.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return wire.toString();
    }

    private static int hex(byte b) {
        return Character.digit(b, 16);
    }

    private static boolean stillInProgress(CleverTapResponse response) {
        return "fail".equals(response.bodyStatus())
                && response.error().toLowerCase(java.util.Locale.ROOT).contains("in progress");
    }
}
