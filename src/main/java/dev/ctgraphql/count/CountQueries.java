package dev.ctgraphql.count;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;

import io.quarkus.arc.Unremovable;

import dev.ctgraphql.graphql.DirectQuery;
import dev.ctgraphql.graphql.EventQuery;
import dev.ctgraphql.graphql.RawArguments;

import graphql.schema.DataFetchingEnvironment;

/** The count queries as {@link DirectQuery}s: the same {@link CountGraphQLApi} methods, called without SmallRye. */
final class CountQueries {

    private CountQueries() {
    }

    /** Base of the count queries: the API bean. */
    abstract static class Base implements DirectQuery {
        final CountGraphQLApi api;

        Base(CountGraphQLApi api) {
            this.api = api;
        }

        static EventQuery query(DataFetchingEnvironment environment) {
            return EventQuery.fromArguments(environment.getArgument("query"), "query");
        }
    }

    /** {@code eventCount}. */
    @Singleton
    @Unremovable
    static class EventCount extends Base {
        EventCount(CountGraphQLApi api) {
            super(api);
        }

        @Override
        public String field() {
            return "eventCount";
        }

        @Override
        public Object fetch(DataFetchingEnvironment environment) {
            EventQuery query = query(environment);
            Count now = api.countNow(CountClient.Kind.EVENTS, query);
            return now != null ? now : api.eventCount(query);
        }
    }

    /** {@code profileCount}. */
    @Singleton
    @Unremovable
    static class ProfileCount extends Base {
        ProfileCount(CountGraphQLApi api) {
            super(api);
        }

        @Override
        public String field() {
            return "profileCount";
        }

        @Override
        public Object fetch(DataFetchingEnvironment environment) {
            EventQuery query = query(environment);
            Count now = api.countNow(CountClient.Kind.PROFILES, query);
            return now != null ? now : api.profileCount(query);
        }
    }

    /** {@code countResult}. */
    @Singleton
    @Unremovable
    static class CountResult extends Base {
        CountResult(CountGraphQLApi api) {
            super(api);
        }

        @Override
        public String field() {
            return "countResult";
        }

        @Override
        public Object fetch(DataFetchingEnvironment environment) {
            return api.countResult(environment.getArgument("requestId"));
        }
    }

    /** {@code realtimeUserCount}. */
    @Singleton
    @Unremovable
    static class Realtime extends Base {
        Realtime(CountGraphQLApi api) {
            super(api);
        }

        @Override
        public String field() {
            return "realtimeUserCount";
        }

        @Override
        public Object fetch(DataFetchingEnvironment environment) {
            List<?> raw = environment.getArgument("splitBy");
            List<RealtimeDimension> splitBy = null;
            if (raw != null) {
                splitBy = new ArrayList<>(raw.size());
                for (Object dimension : raw) {
                    splitBy.add(RawArguments.enumValue(dimension, RealtimeDimension.class));
                }
            }
            return api.realtimeUserCount(splitBy);
        }
    }

    /** {@code trend}. */
    @Singleton
    @Unremovable
    static class Trend extends Base {
        Trend(CountGraphQLApi api) {
            super(api);
        }

        @Override
        public String field() {
            return "trend";
        }

        @Override
        public Object fetch(DataFetchingEnvironment environment) {
            return api.trend(query(environment),
                    RawArguments.enumValue(environment.getArgument("granularity"), TrendGranularity.class),
                    RawArguments.bool(environment.getArgument("unique")), environment.getArgument("sumProperty"));
        }
    }

    /** {@code topPropertyValues}. */
    @Singleton
    @Unremovable
    static class Top extends Base {
        Top(CountGraphQLApi api) {
            super(api);
        }

        @Override
        public String field() {
            return "topPropertyValues";
        }

        @Override
        public Object fetch(DataFetchingEnvironment environment) {
            Map<String, Object> property = environment.getArgument("property");
            Object limit = environment.getArgument("limit");
            return api.topPropertyValues(query(environment),
                    new PropertyRef(RawArguments.enumValue(property, "kind", PropertyKind.class),
                            RawArguments.string(property, "name")),
                    limit == null ? null : ((Number) limit).intValue());
        }
    }
}
