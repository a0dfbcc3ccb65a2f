package dev.ctgraphql.count;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.graphql.api.Nullable;
import io.smallrye.mutiny.Uni;

import dev.ctgraphql.graphql.EventQuery;
import dev.ctgraphql.graphql.GraphQLLong;
import dev.ctgraphql.graphql.JsonValues;
import dev.ctgraphql.upstream.CleverTapBadInputException;

/** Counts, trends, top values and the real-time active-user count. */
@GraphQLApi
public class CountGraphQLApi {

    /** Most top values one query may ask for. */
    static final int MAX_TOP = 1000;

    private final CountClient client;

    CountGraphQLApi(CountClient client) {
        this.client = client;
    }

    @Query
    @Description("How many times the event happened. Waits up to a few seconds for CleverTap; if it is still counting, "
            + "answers PENDING with a requestId for countResult.")
    public Uni<@NonNull Count> eventCount(@NonNull @Name("query") @Description("Which events to count.") EventQuery query) {
        return count(CountClient.Kind.EVENTS, query);
    }

    @Query
    @Description("How many distinct profiles did the event. PENDING with a requestId if CleverTap is still counting.")
    public Uni<@NonNull Count> profileCount(
            @NonNull @Name("query") @Description("Which events' profiles to count.") EventQuery query) {
        return count(CountClient.Kind.PROFILES, query);
    }

    @Query
    @Description("Resumes a PENDING eventCount or profileCount by its requestId.")
    public Uni<@NonNull Count> countResult(
            @NonNull @Id @Name("requestId") @Description("The requestId of a PENDING count.") String requestId) {
        Map.Entry<CountClient.Kind, Long> id = CountClient.parseRequestId(requestId);
        return client.resume(id.getKey(), id.getValue()).map(result -> toCount(id.getKey(), result));
    }

    @Query
    @Description("Users active in the last 5 minutes, optionally split by dimensions.")
    public Uni<@NonNull RealtimeCount> realtimeUserCount(
            @Nullable @Name("splitBy") @Description("Dimensions to split the count by.") List<@NonNull RealtimeDimension> splitBy) {
        EnumSet<RealtimeDimension> dimensions = EnumSet.noneOf(RealtimeDimension.class);
        if (splitBy != null) {
            dimensions.addAll(splitBy);
        }
        return client.realtimeCount(dimensions);
    }

    @Query
    @Description("The event over time, one point per day, ISO week or month of the range (zero where nothing happened).")
    public Uni<@NonNull List<@NonNull TrendPoint>> trend(
            @NonNull @Name("query") @Description("Which events.") EventQuery query,
            @NonNull @Name("granularity") @Description("Bucket size.") TrendGranularity granularity,
            @Name("unique") @Description("Count distinct profiles instead of events.") Boolean unique,
            @Name("sumProperty") @Description("Sum this numeric event property instead of counting (e.g. Amount).") String sumProperty) {
        var cql = query.toCql("query");
        CleverTapBadInputException.check(sumProperty == null || !sumProperty.isBlank(), "sumProperty", "must not be empty");
        CleverTapBadInputException.check(!(Boolean.TRUE.equals(unique) && sumProperty != null), "unique",
                "cannot be combined with sumProperty");
        return client.trend(cql, granularity, Boolean.TRUE.equals(unique), sumProperty).map(points -> {
            List<TrendPoint> list = new ArrayList<>(points.size());
            for (Map.Entry<LocalDate, Double> point : points.entrySet()) {
                list.add(new TrendPoint(point.getKey(), point.getValue()));
            }
            return list;
        });
    }

    @Query
    @Description("The most frequent values of a property among the query's events, most frequent first.")
    public Uni<@NonNull List<@NonNull PropertyValueCount>> topPropertyValues(
            @NonNull @Name("query") @Description("Which events.") EventQuery query,
            @NonNull @Name("property") @Description("The property to group by.") PropertyRef property,
            @Name("limit") @DefaultValue("10") @Description("How many values, 1 to 1000.") Integer limit) {
        var cql = query.toCql("query");
        CleverTapBadInputException.check(property.name() != null && !property.name().isBlank(), "property.name",
                "must not be empty");
        int n = limit == null ? 10 : limit;
        CleverTapBadInputException.check(n >= 1 && n <= MAX_TOP, "limit", "must be between 1 and " + MAX_TOP);
        return client.top(cql, property.kind(), property.name(), n).map(values -> {
            List<PropertyValueCount> list = new ArrayList<>(values.size());
            for (Map.Entry<JsonNode, Long> value : values) {
                list.add(new PropertyValueCount(JsonValues.toGraphQL(value.getKey()), GraphQLLong.of(value.getValue())));
            }
            return list;
        });
    }

    /**
     * The answer of {@link #eventCount} ({@code EVENTS}) or {@link #profileCount}: a count a fresh cache entry holds is
     * answered in one reactive step, without the cache's loading pipeline.
     */
    private Uni<Count> count(CountClient.Kind kind, EventQuery query) {
        var cql = query.toCql("query");
        CountClient.Result now = client.countNow(kind, cql);
        if (now != null) {
            return Uni.createFrom().item(toCount(kind, now));
        }
        return client.count(kind, cql).map(result -> toCount(kind, result));
    }

    private static Count toCount(CountClient.Kind kind, CountClient.Result result) {
        return result.value() != null
                ? Count.complete(result.value())
                : Count.pending(CountClient.requestId(kind, result.requestId()));
    }
}
