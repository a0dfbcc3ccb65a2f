package dev.ctgraphql.profile;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import dev.ctgraphql.graphql.PageInfo;
import dev.ctgraphql.upstream.CacheKey;
import dev.ctgraphql.upstream.CleverTapCalls;
import dev.ctgraphql.upstream.CleverTapConfig;
import dev.ctgraphql.upstream.CleverTapNotFoundException;
import dev.ctgraphql.upstream.CleverTapPaths;
import dev.ctgraphql.upstream.CleverTapRestClients;
import dev.ctgraphql.upstream.CleverTapUpstreamException;
import dev.ctgraphql.upstream.CqlQuery;
import dev.ctgraphql.upstream.CursorPager;
import dev.ctgraphql.upstream.Endpoint;
import dev.ctgraphql.upstream.LimitClass;
import dev.ctgraphql.upstream.ResponseCache;
import dev.ctgraphql.upstream.UploadReader;
import dev.ctgraphql.upstream.UploadStream;
import dev.ctgraphql.upstream.Uploads;

/**
 * Profile reads and writes. Reads are cached: one profile for {@code clevertap.cache.profiles.ttl}; export pages for
 * {@code clevertap.cache.exports.ttl} (pages of ranges that include today or yesterday for its {@code live-ttl}).
 */
@ApplicationScoped
public class ProfileClient {

    static final Endpoint PROFILE = Endpoint.read("profile", "GET", CleverTapPaths.PROFILE);
    static final Endpoint OPEN = Endpoint.read("profile export", "POST", CleverTapPaths.PROFILES);
    static final Endpoint PAGE = Endpoint.read("profile export", "GET", CleverTapPaths.PROFILES);
    /** Profile and token uploads are upserts: sending one again is harmless, so a lost answer may be retried. */
    static final Endpoint PROFILE_UPLOAD = new Endpoint("profile upload", "POST", CleverTapPaths.UPLOAD, LimitClass.UPLOAD,
            true);
    static final Endpoint TOKEN_UPLOAD = new Endpoint("device token upload", "POST", CleverTapPaths.UPLOAD, LimitClass.UPLOAD,
            true);
    static final Endpoint DELETE = Endpoint.read("profile deletion", "POST", CleverTapPaths.DELETE_PROFILES);
    /** Demerging the same identities again changes nothing, so a lost answer may be retried. */
    static final Endpoint DEMERGE = Endpoint.read("profile demerge", "POST", CleverTapPaths.DEMERGE_PROFILES);
    /** Setting a subscription state again changes nothing; limited as "other" calls (3 at a time), not as uploads. */
    static final Endpoint SUBSCRIBE = Endpoint.read("subscription change", "POST", CleverTapPaths.SUBSCRIBE);
    static final Endpoint DISASSOCIATE = Endpoint.read("phone disassociation", "POST", CleverTapPaths.DISASSOCIATE);
    /** CleverTap's maximum records per subscribe or disassociate request, and identities per demerge request. */
    static final int SUBSCRIBE_CHUNK = 1000;
    static final int DEMERGE_CHUNK = 100;
    /** CleverTap's maximum profiles per upload request, tokens per request and values per delete array. */
    static final int PROFILE_CHUNK = 1000;
    static final int TOKEN_CHUNK = 100;
    static final int DELETE_CHUNK = 100;

    private static final String PROFILES = "profiles";
    private static final String EXPORTS = CursorPager.CACHE;
    /** What is cached when CleverTap has no such profile. */
    private static final JsonNode NOT_FOUND = JsonNodeFactory.instance.objectNode().put("notFound", true);

    private final CleverTapRestClients clients;
    private final CleverTapCalls calls;
    private final CursorPager pager;
    private final ResponseCache cache;
    private final CleverTapConfig config;
    private final Uploads uploads;

    ProfileClient(CleverTapRestClients clients, CleverTapCalls calls, CursorPager pager, ResponseCache cache,
            CleverTapConfig config, Uploads uploads) {
        this.clients = clients;
        this.calls = calls;
        this.pager = pager;
        this.cache = cache;
        this.config = config;
        this.uploads = uploads;
    }

    /** How a profile is looked up. */
    public enum Key {
        IDENTITY, EMAIL, OBJECT_ID
    }

    /** One profile, or null when CleverTap has none (a 404, or a "not found" failure). */
    /** One profile by one identifier (cached); null when CleverTap has none. */
    public Uni<Profile> profile(Key key, String value) {
        return cache.get(PROFILES, cacheKey(key, value), () -> calls.call(PROFILE, () -> rest().profile(
                key == Key.IDENTITY ? value : null, key == Key.EMAIL ? value : null, key == Key.OBJECT_ID ? value : null))
                .onFailure(CleverTapNotFoundException.class).recoverWithItem(NOT_FOUND),
                answer -> answer.path("record").isObject()
                        ? Profile.fromCleverTap(answer.get("record"), config.timeZone())
                        : null);
    }

    /**
     * Drops the cached reads of the profiles that upload records name after a write changed them: by
     * {@code identity}, {@code objectId} and {@code profileData.Email}, where present.
     */
    public Uni<Void> forget(List<Uploads.Item> items) {
        Set<String> keys = new LinkedHashSet<>();
        for (Uploads.Item item : items) {
            String identity = item.identity();
            String objectId = item.objectId();
            String email = item.email();
            if (identity != null) {
                keys.add(cacheKey(Key.IDENTITY, identity));
            }
            if (objectId != null) {
                keys.add(cacheKey(Key.OBJECT_ID, objectId));
            }
            if (email != null) {
                keys.add(cacheKey(Key.EMAIL, email));
            }
        }
        return cache.invalidate(PROFILES, keys);
    }

    private static String cacheKey(Key key, String value) {
        return CacheKey.of(PROFILE).with(key.name(), value).text();
    }

    /** Reads ProfileInputs from JSON into upload records. */
    public UploadReader profileReader() {
        return new ProfileRecords(config.timeZone());
    }

    /** Reads DeviceTokenInputs from JSON into upload records. */
    public UploadReader tokenReader() {
        return new TokenRecords();
    }

    /** An upload of any number of profiles fed one by one (see {@link UploadStream}), dropping each chunk's cached reads. */
    public UploadStream profileStream(UploadStream.Listener listener) {
        return profileStream(listener, false);
    }

    /** Like {@link #profileStream(UploadStream.Listener)}; with {@code dryRun} CleverTap only validates (nothing dropped). */
    UploadStream profileStream(UploadStream.Listener listener, boolean dryRun) {
        return uploads.stream(PROFILE_UPLOAD, PROFILE_CHUNK, body -> rest().upload(dryRun ? 1 : 0, body),
                dryRun ? items -> Uni.createFrom().voidItem() : this::forget, listener);
    }

    /** An upload of any number of device tokens fed one by one, dropping each chunk's cached profile reads. */
    public UploadStream tokenStream(UploadStream.Listener listener) {
        return uploads.stream(TOKEN_UPLOAD, TOKEN_CHUNK, body -> rest().upload(0, body), this::forget, listener);
    }

    /**
     * Deletes profiles by identity and by CleverTap id, in separate calls (CleverTap refuses both in one) of at most 100
     * values. Afterwards every cached profile read and export page is dropped: a deleted profile may be cached under
     * an email or inside an export page that cannot be told from here.
     *
     * @return how many values CleverTap confirmed, and how many it did not
     */
    Uni<int[]> delete(List<String> identities, List<String> objectIds) {
        List<Uni<int[]>> calls = new ArrayList<>();
        chunks(identities).forEach(chunk -> calls.add(deleteChunk("identity", chunk)));
        chunks(objectIds).forEach(chunk -> calls.add(deleteChunk("guid", chunk)));
        return Multi.createFrom().iterable(calls).onItem().transformToUniAndMerge(call -> call).collect().asList()
                .map(results -> {
                    int[] total = new int[2];
                    results.forEach(r -> {
                        total[0] += r[0];
                        total[1] += r[1];
                    });
                    return total;
                })
                .eventually(() -> Uni.join().all(cache.invalidateAll(PROFILES), cache.invalidateAll(EXPORTS)).andFailFast());
    }

    /**
     * Demerges profiles by identity in calls of at most 100 (answer bodies are not verified: an HTTP 2xx with a
     * non-fail status counts as done), then drops every cached profile read and export page.
     *
     * @return how many identities CleverTap confirmed, and how many it did not
     */
    Uni<int[]> demerge(List<String> identities) {
        List<List<String>> chunks = new ArrayList<>();
        for (int from = 0; from < identities.size(); from += DEMERGE_CHUNK) {
            chunks.add(identities.subList(from, Math.min(identities.size(), from + DEMERGE_CHUNK)));
        }
        return Multi.createFrom().iterable(chunks).onItem().transformToUniAndConcatenate(chunk -> {
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            chunk.forEach(body.putArray("identities")::add);
            return calls.call(DEMERGE, () -> rest().demerge(body)).map(answer -> new int[]{chunk.size(), 0})
                    .onFailure(CleverTapUpstreamException.class).recoverWithItem(new int[]{0, chunk.size()});
        }).collect().asList().map(results -> {
            int[] total = new int[2];
            results.forEach(r -> {
                total[0] += r[0];
                total[1] += r[1];
            });
            return total;
        }).eventually(() -> Uni.join().all(cache.invalidateAll(PROFILES), cache.invalidateAll(EXPORTS)).andFailFast());
    }

    /**
     * Subscribes or unsubscribes emails and phones for every profile that shares them, in chunks of 1000; CleverTap's
     * {@code unprocessed[]} entries (as the Java SDK models these answers; not verified) name the records it refused.
     */
    Uni<Uploads.Outcome> subscribe(List<Uploads.Item> items) {
        return uploads.send(SUBSCRIBE, items, SUBSCRIBE_CHUNK, body -> rest().subscribe(body));
    }

    /** Takes phones used as identities off their profiles, in chunks of 1000; drops the cached profile reads. */
    Uni<Uploads.Outcome> disassociate(List<Uploads.Item> items) {
        return uploads.send(DISASSOCIATE, items, SUBSCRIBE_CHUNK, body -> rest().disassociate(body))
                .call(outcome -> Uni.join().all(cache.invalidateAll(PROFILES), cache.invalidateAll(EXPORTS)).andFailFast());
    }

    private Uni<int[]> deleteChunk(String key, List<String> values) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        var array = body.putArray(key);
        values.forEach(array::add);
        return calls.call(DELETE, () -> rest().delete(body)).map(answer -> new int[]{values.size(), 0})
                .onFailure(CleverTapUpstreamException.class).recoverWithItem(new int[]{0, values.size()});
    }

    private static List<List<String>> chunks(List<String> values) {
        List<List<String>> chunks = new ArrayList<>();
        for (int from = 0; from < values.size(); from += DELETE_CHUNK) {
            chunks.add(values.subList(from, Math.min(values.size(), from + DELETE_CHUNK)));
        }
        return chunks;
    }

    /** A page of the profiles that did the query's event: the first page, or the page {@code after} points at. */
    Uni<ProfileConnection> page(CqlQuery query, int batchSize, String after) {
        var ttl = cache.ttlUntil(EXPORTS, query.to());
        if (after != null) {
            return cache.get(EXPORTS, CacheKey.of(PAGE).with("cursor", after).text(),
                    () -> pager.next(after, PAGE, cursor -> rest().page(cursor)).map(ProfileClient::pageJson), this::connection,
                    c -> ttl);
        }
        ObjectNode body = query.toJson();
        return cache.get(EXPORTS, CacheKey.of(OPEN).with("batch_size", batchSize).with("body", body).text(),
                () -> pager.first(OPEN, () -> rest().openCursor(batchSize, true, true, true, body), PAGE,
                        cursor -> rest().page(cursor)).map(ProfileClient::pageJson),
                this::connection, c -> ttl);
    }

    /** A page as CleverTap's own page shape, which is what the shared cache tier keeps. */
    private static JsonNode pageJson(CursorPager.Page page) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.set("records", page.records());
        return json.put("next_cursor", page.nextCursor());
    }

    private ProfileConnection connection(JsonNode page) {
        List<Profile> nodes = new ArrayList<>(page.path("records").size());
        for (JsonNode record : page.path("records")) {
            nodes.add(Profile.fromCleverTap(record, config.timeZone()));
        }
        return new ProfileConnection(List.copyOf(nodes), PageInfo.of(page.path("next_cursor").asText(null)));
    }

    private ProfileRestClient rest() {
        return clients.get(ProfileRestClient.class);
    }
}
