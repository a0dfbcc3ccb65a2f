package dev.ctgraphql.event;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;

import dev.ctgraphql.graphql.PageInfo;
import dev.ctgraphql.profile.ProfileClient;
import dev.ctgraphql.upstream.CacheKey;
import dev.ctgraphql.upstream.CleverTapConfig;
import dev.ctgraphql.upstream.CleverTapPaths;
import dev.ctgraphql.upstream.CleverTapRestClients;
import dev.ctgraphql.upstream.CqlQuery;
import dev.ctgraphql.upstream.CursorPager;
import dev.ctgraphql.upstream.Endpoint;
import dev.ctgraphql.upstream.LimitClass;
import dev.ctgraphql.upstream.ResponseCache;
import dev.ctgraphql.upstream.UploadReader;
import dev.ctgraphql.upstream.UploadStream;
import dev.ctgraphql.upstream.Uploads;

/**
 * Event uploads, and event export pages cached for {@code clevertap.cache.exports.ttl} (ranges that include today or yesterday for its
 * {@code live-ttl}); later pages are keyed by CleverTap's cursor.
 */
@ApplicationScoped
public class EventClient {

    static final Endpoint OPEN = Endpoint.read("event export", "POST", CleverTapPaths.EVENTS);
    static final Endpoint PAGE = Endpoint.read("event export", "GET", CleverTapPaths.EVENTS);
    /** Not retryable when the answer is lost: CleverTap would store the events twice. */
    static final Endpoint UPLOAD = new Endpoint("event upload", "POST", CleverTapPaths.UPLOAD, LimitClass.UPLOAD, false);
    /** CleverTap's maximum records per upload request. */
    static final int CHUNK = 1000;

    private static final String EXPORTS = CursorPager.CACHE;

    private final CleverTapRestClients clients;
    private final CursorPager pager;
    private final ResponseCache cache;
    private final CleverTapConfig config;
    private final Uploads uploads;
    private final ProfileClient profiles;

    EventClient(CleverTapRestClients clients, CursorPager pager, ResponseCache cache, CleverTapConfig config, Uploads uploads,
            ProfileClient profiles) {
        this.clients = clients;
        this.pager = pager;
        this.cache = cache;
        this.config = config;
        this.uploads = uploads;
        this.profiles = profiles;
    }

    /** Reads EventInputs from JSON into upload records, checked as of now. */
    public UploadReader reader() {
        return new EventRecords(Instant.now());
    }

    /**
     * An upload of any number of events fed one by one (see {@link UploadStream}); the profiles each chunk touches are
     * dropped from the profile cache once its outcome is known.
     */
    public UploadStream stream(UploadStream.Listener listener) {
        return stream(listener, false);
    }

    /**
     * Like {@link #stream(UploadStream.Listener)}; with {@code dryRun} CleverTap only validates (and no cached profile is
     * dropped). Counts and exports over the events' days refresh within their cache TTLs.
     */
    UploadStream stream(UploadStream.Listener listener, boolean dryRun) {
        return uploads.stream(UPLOAD, CHUNK, body -> rest().upload(dryRun ? 1 : 0, body),
                dryRun ? items -> Uni.createFrom().voidItem() : profiles::forget, listener);
    }

    /** A page of the query's events: the first page, or the page {@code after} points at. */
    Uni<EventConnection> page(CqlQuery query, int batchSize, String after) {
        var ttl = cache.ttlUntil(EXPORTS, query.to());
        if (after != null) {
            return cache.get(EXPORTS, CacheKey.of(PAGE).with("event", query.eventName()).with("cursor", after).text(),
                    () -> pager.next(after, PAGE, cursor -> rest().page(cursor)).map(EventClient::pageJson),
                    page -> connection(query, page), c -> ttl);
        }
        ObjectNode body = query.toJson();
        return cache.get(EXPORTS, CacheKey.of(OPEN).with("batch_size", batchSize).with("body", body).text(),
                () -> pager.first(OPEN, () -> rest().openCursor(batchSize, true, true, true, body), PAGE,
                        cursor -> rest().page(cursor)).map(EventClient::pageJson),
                page -> connection(query, page), c -> ttl);
    }

    /** A page as CleverTap's own page shape, which is what the shared cache tier keeps. */
    private static JsonNode pageJson(CursorPager.Page page) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.set("records", page.records());
        return json.put("next_cursor", page.nextCursor());
    }

    private EventConnection connection(CqlQuery query, JsonNode page) {
        List<Event> nodes = new ArrayList<>(page.path("records").size());
        for (JsonNode record : page.path("records")) {
            nodes.add(Event.from(query.eventName(), record, config.timeZone()));
        }
        return new EventConnection(List.copyOf(nodes), PageInfo.of(page.path("next_cursor").asText(null)));
    }

    private EventRestClient rest() {
        return clients.get(EventRestClient.class);
    }
}
