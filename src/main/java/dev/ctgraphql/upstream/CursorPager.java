package dev.ctgraphql.upstream;

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
 * Cursors arrive already percent-encoded and are passed back byte for byte (encoding them again makes CleverTap answer
 * "Incorrect Usage"). A page that is "still in progress" is asked for again with the same cursor, after a pause, a
 * bounded number of times. A cursor that comes back as its own successor ends the paging.
 */
@ApplicationScoped
public class CursorPager {

    private static final Logger LOG = Logger.getLogger(CursorPager.class);

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
        return calls.exchange(page, () -> fetch.apply(cursor)).chain(response -> {
            if (stillInProgress(response)) {
                if (retriesLeft <= 0) {
                    throw new CleverTapUnavailableException("CleverTap is still preparing this page; retry shortly");
                }
                LOG.debugf("Cursor page still in progress at %s, %d retries left", page.key(), retriesLeft);
                return Uni.createFrom().voidItem().onItem().delayIt().by(config.cursors().inProgressDelay())
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

    private static boolean stillInProgress(CleverTapResponse response) {
        return "fail".equals(response.bodyStatus())
                && response.error().toLowerCase(java.util.Locale.ROOT).contains("in progress");
    }
}
