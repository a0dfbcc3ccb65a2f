package dev.ctgraphql.profile;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;

import dev.ctgraphql.graphql.PageInfo;
import dev.ctgraphql.upstream.CleverTapCalls;
import dev.ctgraphql.upstream.CleverTapConfig;
import dev.ctgraphql.upstream.CleverTapNotFoundException;
import dev.ctgraphql.upstream.CleverTapRestClients;
import dev.ctgraphql.upstream.CqlQuery;
import dev.ctgraphql.upstream.CursorPager;
import dev.ctgraphql.upstream.Endpoint;
import dev.ctgraphql.upstream.ResponseCache;

/**
 * Profile reads, cached: one profile for {@code clevertap.cache.profiles.ttl}; export pages for
 * {@code clevertap.cache.exports.ttl} (pages of ranges that include today or yesterday for its {@code live-ttl}).
 */
@ApplicationScoped
public class ProfileClient {

    static final Endpoint PROFILE = Endpoint.read("profile", "GET", "/1/profile.json");
    static final Endpoint OPEN = Endpoint.read("profile export", "POST", "/1/profiles.json");
    static final Endpoint PAGE = Endpoint.read("profile export", "GET", "/1/profiles.json");

    private static final String PROFILES = "profiles";
    private static final String EXPORTS = "exports";

    private final CleverTapRestClients clients;
    private final CleverTapCalls calls;
    private final CursorPager pager;
    private final ResponseCache cache;
    private final CleverTapConfig config;

    ProfileClient(CleverTapRestClients clients, CleverTapCalls calls, CursorPager pager, ResponseCache cache,
            CleverTapConfig config) {
        this.clients = clients;
        this.calls = calls;
        this.pager = pager;
        this.cache = cache;
        this.config = config;
    }

    /** How a profile is looked up. */
    enum Key {
        IDENTITY, EMAIL, OBJECT_ID
    }

    /** One profile, or null when CleverTap has none (a 404, or a "not found" failure). */
    Uni<Profile> profile(Key key, String value) {
        return cache.get(PROFILES, PROFILE.key() + " " + key + "=" + value, () -> calls.call(PROFILE, () -> rest().profile(
                key == Key.IDENTITY ? value : null, key == Key.EMAIL ? value : null, key == Key.OBJECT_ID ? value : null))
                .map(body -> body.path("record").isObject()
                        ? Profile.fromCleverTap(body.get("record"), config.timeZone())
                        : null)
                .onFailure(CleverTapNotFoundException.class).recoverWithNull());
    }

    /** Drops a cached profile, e.g. after an upload changed it. */
    public void invalidate(String identity) {
        cache.invalidate(PROFILES, PROFILE.key() + " " + Key.IDENTITY + "=" + identity);
    }

    /** A page of the profiles that did the query's event: the first page, or the page {@code after} points at. */
    Uni<ProfileConnection> page(CqlQuery query, int batchSize, String after) {
        var ttl = cache.ttlUntil(EXPORTS, query.to());
        if (after != null) {
            return cache.get(EXPORTS, PAGE.key() + " cursor=" + after,
                    () -> pager.next(after, PAGE, cursor -> rest().page(cursor)).map(this::connection), c -> ttl);
        }
        ObjectNode body = query.toJson();
        return cache.get(EXPORTS, OPEN.key() + " batch_size=" + batchSize + " " + body,
                () -> pager.first(OPEN, () -> rest().openCursor(batchSize, true, true, true, body), PAGE,
                        cursor -> rest().page(cursor)).map(this::connection),
                c -> ttl);
    }

    private ProfileConnection connection(CursorPager.Page page) {
        List<Profile> nodes = new ArrayList<>(page.records().size());
        for (JsonNode record : page.records()) {
            nodes.add(Profile.fromCleverTap(record, config.timeZone()));
        }
        return new ProfileConnection(List.copyOf(nodes), PageInfo.of(page.nextCursor()));
    }

    private ProfileRestClient rest() {
        return clients.get(ProfileRestClient.class);
    }
}
