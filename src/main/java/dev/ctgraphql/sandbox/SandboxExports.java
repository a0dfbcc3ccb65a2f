package dev.ctgraphql.sandbox;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.ctgraphql.upstream.CleverTapConfig;

/**
 * Get Events and Get Profiles by cursor (reference §3.1–3.3): a POSTed CQL query is matched once and snapshotted; its
 * pages are rendered when fetched, showing each profile as it is now. {@code batch_size} defaults to 10 (our choice).
 */
@ApplicationScoped
class SandboxExports {

    static final String EVENTS = "events";
    static final String PROFILES = "profiles";
    static final int DEFAULT_BATCH = 10;
    static final int MAX_BATCH = 5000;

    private final SandboxStore store;
    private final SandboxCursors cursors;
    private final CleverTapConfig config;

    SandboxExports(SandboxStore store, SandboxCursors cursors, CleverTapConfig config) {
        this.store = store;
        this.cursors = cursors;
        this.config = config;
    }

    /** Matches a query and answers {@code {"status":"success","cursor":...}}, without a cursor when nothing matched. */
    Response open(String kind, ObjectNode body, String batchSize, SandboxRecords.Flags flags) {
        int batch = batchSize(batchSize);
        SandboxQuery query = SandboxQuery.parse(body, store.zone(), store.today(), EVENTS.equals(kind));
        if (query.hasEventName() && SandboxQuery.NOT_EXPORTABLE.contains(query.eventName)) {
            throw SandboxException.badRequest("Export not allowed for this event");
        }
        List<?> items = store.read(data -> EVENTS.equals(kind)
                ? query.events(data)
                : query.profiles(data).stream().map(p -> p.objectId).toList());
        ObjectNode answer = SandboxJson.success();
        if (!items.isEmpty()) {
            answer.put("cursor", cursors.open(new SandboxCursors.Snapshot(kind, items, batch, flags),
                    config.sandbox().cursorWarmups()));
        }
        return SandboxJson.ok(answer);
    }

    /** Answers the page a raw cursor names, or "Incorrect Usage" when the exact string is unknown. */
    Response page(String kind, String rawCursor) {
        SandboxCursors.Page page = cursors.get(rawCursor);
        if (page == null || !page.snapshot.kind().equals(kind)) {
            throw new SandboxException(400, "Incorrect Usage", 3);
        }
        if (page.warmups.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
            return SandboxJson.ok(SandboxJson.failBody("Batch still in progress, please retry after some time", 2));
        }
        ObjectNode answer = SandboxJson.success();
        ArrayNode records = answer.putArray("records");
        SandboxRecords.Flags flags = page.snapshot.flags();
        store.read(data -> {
            for (Object item : page.items()) {
                if (item instanceof SandboxEvent event) {
                    SandboxProfile profile = data.profile(event.profileId());
                    if (profile != null) {
                        records.add(SandboxRecords.event(event, profile, flags, store.zone()));
                    }
                } else {
                    SandboxProfile profile = data.profile((String) item);
                    if (profile != null) {
                        records.add(SandboxRecords.profile(profile, flags));
                    }
                }
            }
            return null;
        });
        String next = cursors.next(page);
        if (next != null) {
            answer.put("next_cursor", next);
        }
        return SandboxJson.ok(answer);
    }

    private static int batchSize(String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT_BATCH;
        }
        int size;
        try {
            size = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw SandboxException.badRequest("Invalid batch_size: " + text);
        }
        if (size < 1) {
            throw SandboxException.badRequest("batch_size must be at least 1");
        }
        if (size > MAX_BATCH) {
            throw SandboxException.badRequest("batch_size cannot be more than " + MAX_BATCH);
        }
        return size;
    }

    /** A query parameter exactly as the client sent it (not percent-decoded), or null when absent. */
    static String rawParam(String query, String name) {
        if (query == null) {
            return null;
        }
        for (String part : query.split("&")) {
            int eq = part.indexOf('=');
            String key = eq < 0 ? part : part.substring(0, eq);
            if (key.equals(name)) {
                return eq < 0 ? "" : part.substring(eq + 1);
            }
        }
        return null;
    }
}
