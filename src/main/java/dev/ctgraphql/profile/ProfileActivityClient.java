package dev.ctgraphql.profile;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;

import io.smallrye.mutiny.Uni;

import dev.ctgraphql.graphql.JsonValues;
import dev.ctgraphql.upstream.CacheKey;
import dev.ctgraphql.upstream.CleverTapConfig;
import dev.ctgraphql.upstream.CleverTapDates;
import dev.ctgraphql.upstream.CleverTapPaths;
import dev.ctgraphql.upstream.CleverTapRestClients;
import dev.ctgraphql.upstream.CqlQuery;
import dev.ctgraphql.upstream.CursorPager;
import dev.ctgraphql.upstream.Endpoint;
import dev.ctgraphql.upstream.ResponseCache;

/**
 * A profile's recent events as a timeline. CleverTap has no "events of one user" call: its event export is by event
 * name and days, so the timeline exports each of the user's recently done events (known from the profile's event
 * summary) with a profile-field filter on the user's identity (or objectId), over the days between its first and last
 * time within the window. Pages are cached like other exports ({@code clevertap.cache.exports}).
 */
@ApplicationScoped
class ProfileActivityClient {

    static final Endpoint OPEN = Endpoint.read("event export", "POST", CleverTapPaths.EVENTS);
    static final Endpoint PAGE = Endpoint.read("event export", "GET", CleverTapPaths.EVENTS);
    /** How many of the user's most recent event names are exported for one timeline. */
    static final int EVENT_NAMES = 5;
    /** Records read per event name (one page). */
    static final int BATCH = 1000;

    private static final String EXPORTS = CursorPager.CACHE;

    private final CleverTapRestClients clients;
    private final CursorPager pager;
    private final ResponseCache cache;
    private final CleverTapConfig config;

    ProfileActivityClient(CleverTapRestClients clients, CursorPager pager, ResponseCache cache, CleverTapConfig config) {
        this.clients = clients;
        this.pager = pager;
        this.cache = cache;
        this.config = config;
    }

    /** Up to {@code limit} of the profile's events in the last {@code days} days, newest first. */
    Uni<List<ActivityEntry>> timeline(Profile profile, int days, int limit) {
        LocalDate today = LocalDate.now(config.timeZone());
        LocalDate since = today.minusDays(days - 1L);
        CqlQuery.Filter who = who(profile);
        List<EventSummary> recent = profile.eventSummary().stream()
                .filter(summary -> summary.lastSeen() != null
                        && !summary.lastSeen().atZoneSameInstant(config.timeZone()).toLocalDate().isBefore(since))
                .sorted(Comparator.comparing(EventSummary::lastSeen).reversed())
                .limit(EVENT_NAMES)
                .toList();
        if (who == null || recent.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<Uni<List<ActivityEntry>>> parts = new ArrayList<>();
        for (EventSummary summary : recent) {
            LocalDate first = summary.firstSeen() == null
                    ? since
                    : summary.firstSeen().atZoneSameInstant(config.timeZone()).toLocalDate();
            LocalDate from = first.isAfter(since) ? first : since;
            LocalDate to = summary.lastSeen().atZoneSameInstant(config.timeZone()).toLocalDate();
            parts.add(events(new CqlQuery(summary.eventName(), from, to.isBefore(from) ? from : to, List.of(), List.of(),
                    List.of(who)), profile));
        }
        return Uni.join().all(parts).andFailFast().map(lists -> lists.stream().flatMap(List::stream)
                .sorted(Comparator.comparing(ActivityEntry::occurredAt, Comparator.nullsLast(Comparator.reverseOrder())))
                .limit(limit)
                .toList());
    }

    private static CqlQuery.Filter who(Profile profile) {
        if (profile.identity() != null) {
            return new CqlQuery.Filter("Identity", "equals", TextNode.valueOf(profile.identity()));
        }
        if (profile.objectId() != null) {
            return new CqlQuery.Filter("objectId", "equals", TextNode.valueOf(profile.objectId()));
        }
        return null;
    }

    private Uni<List<ActivityEntry>> events(CqlQuery query, Profile profile) {
        var body = query.toJson();
        return cache.get(EXPORTS,
                CacheKey.of(OPEN).with("batch_size", BATCH).with("app", false).with("events", false).with("body", body).text(),
                () -> pager.first(OPEN, () -> rest().openCursor(BATCH, false, false, true, body), PAGE,
                        cursor -> rest().page(cursor)).map(page -> {
                            var json = JsonNodeFactory.instance.objectNode();
                            json.set("records", page.records());
                            return json;
                        }),
                page -> entries(query.eventName(), page, profile), entries -> cache.ttlUntil(EXPORTS, query.to()));
    }

    /**
     * The page's records as entries: only those whose profile shows they are this user's (same identity, or same
     * objectId when the profile has no identity). Whether CleverTap applies profile-field filters to event exports is not
     * verified, so the filter sent is not trusted alone; the export asks for profile fields ({@code profile=true}) so
     * that each record carries the identity it is checked by.
     */
    private List<ActivityEntry> entries(String eventName, JsonNode page, Profile profile) {
        List<ActivityEntry> entries = new ArrayList<>();
        for (JsonNode record : page.path("records")) {
            if (!owned(record.path("profile"), profile)) {
                continue;
            }
            entries.add(new ActivityEntry(eventName,
                    CleverTapDates.fromEventTs(record.path("ts").asText(null), config.timeZone()),
                    JsonValues.toGraphQL(record.get("event_props")), JsonValues.toGraphQL(record.get("session_props"))));
        }
        return entries;
    }

    private static boolean owned(JsonNode owner, Profile profile) {
        if (profile.identity() != null) {
            return profile.identity().equals(owner.path("identity").asText(null));
        }
        return profile.objectId() != null && profile.objectId().equals(owner.path("objectId").asText(null));
    }

    private ProfileActivityRestClient rest() {
        return clients.get(ProfileActivityRestClient.class);
    }
}
