package dev.ctgraphql.count;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;

import dev.ctgraphql.upstream.AsyncQueries;
import dev.ctgraphql.upstream.CacheKey;
import dev.ctgraphql.upstream.CleverTapBadInputException;
import dev.ctgraphql.upstream.CleverTapCalls;
import dev.ctgraphql.upstream.CleverTapPaths;
import dev.ctgraphql.upstream.CleverTapRestClients;
import dev.ctgraphql.upstream.CqlQuery;
import dev.ctgraphql.upstream.Endpoint;
import dev.ctgraphql.upstream.ResponseCache;

/**
 * Counts, trends, top values and the real-time count, each cached: results over finished days for
 * {@code clevertap.cache.counts.ttl}, results that include today or yesterday (still changing) for {@code live-ttl},
 * the real-time count for a few seconds. A count still running at the deadline is never cached.
 */
@ApplicationScoped
public class CountClient {

    static final Endpoint EVENT_COUNT = Endpoint.read("event count", "POST", CleverTapPaths.COUNT_EVENTS);
    static final Endpoint EVENT_COUNT_POLL = Endpoint.read("event count", "GET", CleverTapPaths.COUNT_EVENTS);
    static final Endpoint PROFILE_COUNT = Endpoint.read("profile count", "POST", CleverTapPaths.COUNT_PROFILES);
    static final Endpoint PROFILE_COUNT_POLL = Endpoint.read("profile count", "GET", CleverTapPaths.COUNT_PROFILES);
    static final Endpoint TREND = Endpoint.read("trend", "POST", CleverTapPaths.COUNT_TRENDS);
    static final Endpoint TREND_POLL = Endpoint.read("trend", "GET", CleverTapPaths.COUNT_TRENDS);
    static final Endpoint TOP = Endpoint.read("top values", "POST", CleverTapPaths.COUNT_TOP);
    static final Endpoint TOP_POLL = Endpoint.read("top values", "GET", CleverTapPaths.COUNT_TOP);
    static final Endpoint REALTIME = Endpoint.read("real-time count", "POST", CleverTapPaths.NOW);

    private static final String COUNTS = "counts";
    private static final String REALTIME_CACHE = "realtime";
    private static final String TREND_LABEL = "trend";
    private static final String TOP_LABEL = "values";

    private final CleverTapRestClients clients;
    private final CleverTapCalls calls;
    private final AsyncQueries async;
    private final ResponseCache cache;

    CountClient(CleverTapRestClients clients, CleverTapCalls calls, AsyncQueries async, ResponseCache cache) {
        this.clients = clients;
        this.calls = calls;
        this.async = async;
        this.cache = cache;
    }

    /** What kind of count a request id belongs to. */
    enum Kind {
        EVENTS, PROFILES
    }

    /** A count's value, or the id of a count CleverTap is still computing. */
    record Result(Long value, Long requestId) {
    }

    /** The count when a fresh cache entry holds it, else null (then ask {@link #count}). */
    Result countNow(Kind kind, CqlQuery query) {
        return cache.fresh(COUNTS, countKey(kind, query.toJson()));
    }

    private static String countKey(Kind kind, ObjectNode body) {
        return CacheKey.of(kind == Kind.EVENTS ? EVENT_COUNT : PROFILE_COUNT).with("body", body).text();
    }

    Uni<Result> count(Kind kind, CqlQuery query) {
        ObjectNode body = query.toJson();
        Endpoint submit = kind == Kind.EVENTS ? EVENT_COUNT : PROFILE_COUNT;
        return cache.value(COUNTS, countKey(kind, body), () -> async.run(submit,
                () -> kind == Kind.EVENTS ? rest().eventCount(body) : rest().profileCount(body),
                poll(kind), id -> kind == Kind.EVENTS ? rest().eventCountResult(id) : rest().profileCountResult(id))
                .map(CountAnswers::count),
                CountAnswers.RESULT,
                result -> result.value() == null ? Duration.ZERO : cache.ttlUntil(COUNTS, query.to()));
    }

    Uni<Result> resume(Kind kind, long requestId) {
        Endpoint poll = poll(kind);
        return cache.value(COUNTS, CacheKey.of(poll).with("req_id", requestId).text(), () -> async.resume(requestId, poll,
                id -> kind == Kind.EVENTS ? rest().eventCountResult(id) : rest().profileCountResult(id))
                .map(CountAnswers::count),
                CountAnswers.RESULT,
                result -> result.value() == null ? Duration.ZERO : cache.liveTtl(COUNTS));
    }

    /** Trend buckets keyed by their first day, every bucket of the range present (zero where CleverTap has none). */
    Uni<Map<LocalDate, Double>> trend(CqlQuery query, TrendGranularity granularity, boolean unique, String sumProperty) {
        ObjectNode body = query.toJson();
        if (unique) {
            body.put("unique", true);
        }
        if (sumProperty != null) {
            body.put("sum_event_prop", sumProperty);
        }
        body.putObject("groups").putObject(TREND_LABEL).put("trend_type",
                granularity.name().toLowerCase(Locale.ROOT));
        return cache.get(COUNTS, CacheKey.of(TREND).with("body", body).text(),
                () -> async.run(TREND, () -> rest().trend(body), TREND_POLL,
                        id -> rest().trendResult(id))
                        .map(outcome -> CountAnswers.finished(outcome, "this trend")),
                answer -> CountAnswers.buckets(answer.path(TREND_LABEL), query, granularity),
                result -> cache.ttlUntil(COUNTS, query.to()));
    }

    /** Top values of one property, most frequent first (CleverTap's order kept when counts tie). */
    Uni<List<Map.Entry<JsonNode, Long>>> top(CqlQuery query, PropertyKind kind, String property, int limit) {
        ObjectNode body = query.toJson();
        ObjectNode group = body.putObject("groups").putObject(TOP_LABEL);
        group.put("property_type", kind.wire());
        group.put("name", property);
        group.put("top_n", limit);
        group.put("order", "desc");
        return cache.get(COUNTS, CacheKey.of(TOP).with("body", body).text(),
                () -> async.run(TOP, () -> rest().top(body), TOP_POLL,
                        id -> rest().topResult(id))
                        .map(outcome -> CountAnswers.finished(outcome, "these top values")),
                answer -> CountAnswers.topValues(answer.path(TOP_LABEL), limit), result -> cache.ttlUntil(COUNTS, query.to()));
    }

    /**
     * The real-time count as a GraphQL value, for other domains (the live view polls it). Buckets per dimension,
     * largest first.
     */
    public Uni<RealtimeCount> realtimeCount(Set<RealtimeDimension> dimensions) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        for (RealtimeDimension dimension : RealtimeDimension.values()) {
            if (dimensions.contains(dimension)) {
                body.put(dimension.wire(), true);
            }
        }
        return cache.get(REALTIME_CACHE, CacheKey.of(REALTIME).with("body", body).text(),
                () -> calls.call(REALTIME, () -> rest().realtime(body)), answer -> CountAnswers.realtime(answer, dimensions));
    }

    /** A profile count as a GraphQL value (COMPLETE, or PENDING with its request id), for other domains (segments). */
    public Uni<Count> profileCount(CqlQuery query) {
        return count(Kind.PROFILES, query).map(result -> result.value() != null
                ? Count.complete(result.value())
                : Count.pending(requestId(Kind.PROFILES, result.requestId())));
    }

    private static Endpoint poll(Kind kind) {
        return kind == Kind.EVENTS ? EVENT_COUNT_POLL : PROFILE_COUNT_POLL;
    }

    /** Reads a request id given to a client, {@code events-<n>} or {@code profiles-<n>}. */
    static Map.Entry<Kind, Long> parseRequestId(String requestId) {
        if (requestId != null) {
            int dash = requestId.indexOf('-');
            if (dash > 0) {
                String prefix = requestId.substring(0, dash);
                String number = requestId.substring(dash + 1);
                if (number.matches("\\d{1,19}")) {
                    try {
                        long id = Long.parseLong(number);
                        if ("events".equals(prefix)) {
                            return Map.entry(Kind.EVENTS, id);
                        }
                        if ("profiles".equals(prefix)) {
                            return Map.entry(Kind.PROFILES, id);
                        }
                    } catch (NumberFormatException e) {
                        // falls through to the error below
                    }
                }
            }
        }
        throw new CleverTapBadInputException("requestId: not a request id returned by eventCount or profileCount");
    }

    static String requestId(Kind kind, long id) {
        return (kind == Kind.EVENTS ? "events-" : "profiles-") + id;
    }

    private CountRestClient rest() {
        return clients.get(CountRestClient.class);
    }
}
