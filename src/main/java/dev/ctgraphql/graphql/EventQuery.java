package dev.ctgraphql.graphql;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

import io.smallrye.graphql.api.Nullable;

import dev.ctgraphql.upstream.CleverTapBadInputException;
import dev.ctgraphql.upstream.CqlQuery;

/** An event-based query: who or what did an event in a range of days, with optional filters. */
@Input("EventQuery")
@Description("Selects events (or the profiles that did them) by event name, day range and property filters.")
public record EventQuery(
        @NonNull @Description("Event name, e.g. \"Charged\".") String eventName,
        @NonNull @Description("Days to look at, in the project's time zone.") DateRange range,
        @Nullable @Description("Filters on the event's properties.") List<@NonNull PropertyFilter> eventProperties,
        @Nullable @Description("Filters on the session's properties (e.g. utm_source).") List<@NonNull PropertyFilter> sessionProperties,
        @Nullable @Description("Filters on profile fields (e.g. \"Customer Type\").") List<@NonNull PropertyFilter> profileFields) {

    /** Most filters accepted in one family. */
    public static final int MAX_FILTERS = 50;

    /** Validates the query (named {@code field} in errors) and writes it as CleverTap Query Language. */
    public CqlQuery toCql(String field) {
        CleverTapBadInputException.check(eventName != null && !eventName.isBlank(), field + ".eventName", "must not be empty");
        CleverTapBadInputException.check(eventName.length() <= 120, field + ".eventName", "is longer than 120 characters");
        CleverTapBadInputException.check(range != null, field + ".range", "is required");
        range.validate(field + ".range");
        return new CqlQuery(eventName, range.from(), range.to(),
                filters(eventProperties, field + ".eventProperties"),
                filters(sessionProperties, field + ".sessionProperties"),
                filters(profileFields, field + ".profileFields"));
    }

    private static List<CqlQuery.Filter> filters(List<PropertyFilter> filters, String field) {
        if (filters == null) {
            return List.of();
        }
        CleverTapBadInputException.check(filters.size() <= MAX_FILTERS, field, "has more than " + MAX_FILTERS + " filters");
        List<CqlQuery.Filter> cql = new ArrayList<>(filters.size());
        for (int i = 0; i < filters.size(); i++) {
            CleverTapBadInputException.check(filters.get(i) != null, field + "[" + i + "]", "must not be null");
            cql.add(filters.get(i).toCql(field + "[" + i + "]"));
        }
        return List.copyOf(cql);
    }
}
