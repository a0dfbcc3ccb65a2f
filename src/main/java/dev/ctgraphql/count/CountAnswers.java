package dev.ctgraphql.count;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import dev.ctgraphql.graphql.GraphQLLong;
import dev.ctgraphql.upstream.AsyncQueries;
import dev.ctgraphql.upstream.CleverTapUnavailableException;
import dev.ctgraphql.upstream.CqlQuery;
import dev.ctgraphql.upstream.ResponseCache;

/**
 * Reads CleverTap's count, trend, top-value and real-time answers into the service's values, accepting every form the
 * reference records where CleverTap's shape is unverified.
 */
final class CountAnswers {

    /** A count as the shared cache tier keeps it: {@code {"value":N}}, or {@code {"requestId":N}} while pending. */
    static final ResponseCache.Codec<CountClient.Result> RESULT = new ResponseCache.Codec<>() {
        @Override
        public JsonNode write(CountClient.Result result) {
            return result.value() != null
                    ? JsonNodeFactory.instance.objectNode().put("value", result.value())
                    : JsonNodeFactory.instance.objectNode().put("requestId", result.requestId());
        }

        @Override
        public CountClient.Result read(JsonNode json) {
            if (json.path("value").canConvertToLong()) {
                return new CountClient.Result(json.get("value").asLong(), null);
            }
            if (json.path("requestId").canConvertToLong()) {
                return new CountClient.Result(null, json.get("requestId").asLong());
            }
            throw new IllegalArgumentException("not a cached count");
        }
    };

    private CountAnswers() {
    }

    /** A count's value from CleverTap's final answer, or the request id of a count still running at the deadline. */
    static CountClient.Result count(AsyncQueries.Outcome outcome) {
        if (!outcome.done()) {
            return new CountClient.Result(null, outcome.requestId());
        }
        JsonNode count = outcome.body().path("count");
        if (!count.canConvertToLong()) {
            throw new CleverTapUnavailableException("CleverTap answered the count without a number; retry shortly");
        }
        return new CountClient.Result(count.asLong(), null);
    }

    /** CleverTap's final answer to a trend or top-value query; one still running at the deadline is an error. */
    static JsonNode finished(AsyncQueries.Outcome outcome, String what) {
        if (!outcome.done()) {
            throw new CleverTapUnavailableException("CleverTap is still computing " + what + "; retry shortly");
        }
        return outcome.body();
    }

    /** The active-user count and, per requested dimension, the counts by value, largest first. */
    static RealtimeCount realtime(JsonNode body, Set<RealtimeDimension> dimensions) {
        List<RealtimeBucket> buckets = new ArrayList<>();
        for (RealtimeDimension dimension : RealtimeDimension.values()) {
            if (!dimensions.contains(dimension)) {
                continue;
            }
            List<RealtimeBucket> part = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = body.path(dimension.wire()).fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> value = it.next();
                if (value.getValue().canConvertToLong()) {
                    part.add(new RealtimeBucket(dimension, value.getKey(), GraphQLLong.of(value.getValue().asLong())));
                }
            }
            part.sort(Comparator.comparingLong((RealtimeBucket b) -> b.count().longValue()).reversed());
            buckets.addAll(part);
        }
        return new RealtimeCount(GraphQLLong.of(body.path("count").asLong(0)), List.copyOf(buckets));
    }

    /**
     * Reads trend buckets. CleverTap's inner shape is unverified: we read an object of bucket keys to numbers (daily
     * yyyyMMdd, weekly yyyyWW, monthly yyyyMM), descending once if it is wrapped in a single object.
     */
    static Map<LocalDate, Double> buckets(JsonNode group, CqlQuery query, TrendGranularity granularity) {
        JsonNode values = group;
        if (values.isObject() && values.size() == 1 && values.elements().next().isObject()) {
            values = values.elements().next();
        }
        Map<LocalDate, Double> points = new TreeMap<>();
        for (LocalDate start = bucketStart(query.from(), granularity); !start.isAfter(query.to()); start = next(start,
                granularity)) {
            points.put(start, 0.0);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = values.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            LocalDate start = parseBucket(field.getKey(), granularity);
            if (start != null && field.getValue().isNumber()) {
                points.merge(bucketStart(start, granularity), field.getValue().asDouble(), Double::sum);
            }
        }
        return points;
    }

    static LocalDate parseBucket(String key, TrendGranularity granularity) {
        try {
            if (key.length() == 8) {
                return LocalDate.of(Integer.parseInt(key.substring(0, 4)), Integer.parseInt(key.substring(4, 6)),
                        Integer.parseInt(key.substring(6, 8)));
            }
            if (key.length() == 6 && granularity == TrendGranularity.WEEKLY) {
                int year = Integer.parseInt(key.substring(0, 4));
                int week = Integer.parseInt(key.substring(4, 6));
                return LocalDate.of(year, 1, 4).with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week)
                        .with(DayOfWeek.MONDAY);
            }
            if (key.length() == 6) {
                return LocalDate.of(Integer.parseInt(key.substring(0, 4)), Integer.parseInt(key.substring(4, 6)), 1);
            }
        } catch (RuntimeException e) {
            return null;
        }
        return null;
    }

    private static LocalDate bucketStart(LocalDate day, TrendGranularity granularity) {
        return switch (granularity) {
            case DAILY -> day;
            case WEEKLY -> day.with(DayOfWeek.MONDAY);
            case MONTHLY -> day.withDayOfMonth(1);
        };
    }

    private static LocalDate next(LocalDate start, TrendGranularity granularity) {
        return switch (granularity) {
            case DAILY -> start.plusDays(1);
            case WEEKLY -> start.plusWeeks(1);
            case MONTHLY -> start.plusMonths(1);
        };
    }

    /**
     * Reads top values. The inner shape is unverified: an object of value to count, or an array of
     * {@code {value|name, count}} objects; both are accepted.
     */
    static List<Map.Entry<JsonNode, Long>> topValues(JsonNode group, int limit) {
        Map<JsonNode, Long> counts = new LinkedHashMap<>();
        if (group.isObject()) {
            group.fields().forEachRemaining(f -> {
                if (f.getValue().canConvertToLong()) {
                    counts.merge(JsonNodeFactory.instance.textNode(f.getKey()), f.getValue().asLong(), Long::sum);
                }
            });
        } else if (group.isArray()) {
            for (JsonNode item : group) {
                JsonNode value = item.has("value") ? item.get("value") : item.path("name");
                if (!value.isMissingNode() && item.path("count").canConvertToLong()) {
                    counts.merge(value, item.path("count").asLong(), Long::sum);
                }
            }
        }
        List<Map.Entry<JsonNode, Long>> sorted = new ArrayList<>(counts.entrySet());
        sorted.sort(Map.Entry.<JsonNode, Long>comparingByValue(Comparator.reverseOrder()));
        return sorted.size() > limit ? List.copyOf(sorted.subList(0, limit)) : List.copyOf(sorted);
    }
}
