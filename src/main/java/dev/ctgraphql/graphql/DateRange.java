package dev.ctgraphql.graphql;

import java.time.LocalDate;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

import dev.ctgraphql.upstream.CleverTapBadInputException;

/** An inclusive range of days in the CleverTap project's time zone. */
@Input("DateRange")
@Description("An inclusive range of days (ISO yyyy-MM-dd) in the CleverTap project's time zone.")
public record DateRange(
        @NonNull @Description("First day, inclusive.") LocalDate from,
        @NonNull @Description("Last day, inclusive; not before from.") LocalDate to) {

    /** Longest range accepted, in days (CleverTap's trends allow a year; exports and counts the same). */
    public static final int MAX_DAYS = 366;

    /** Checks the range, naming {@code field} in the error. */
    public DateRange validate(String field) {
        CleverTapBadInputException.check(from != null, field + ".from", "is required");
        CleverTapBadInputException.check(to != null, field + ".to", "is required");
        CleverTapBadInputException.check(!from.isAfter(to), field, "from (" + from + ") is after to (" + to + ")");
        CleverTapBadInputException.check(from.plusDays(MAX_DAYS).isAfter(to), field,
                "spans more than " + MAX_DAYS + " days (" + from + " to " + to + ")");
        CleverTapBadInputException.check(from.getYear() >= 2000 && to.getYear() <= 2100, field,
                "days must lie between 2000 and 2100");
        return this;
    }
}
