package dev.ctgraphql.graphql;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import dev.ctgraphql.upstream.CleverTapBadInputException;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The checks of date ranges and connection arguments that every query shares, each error naming the argument. */
class ArgumentChecksTest {

    private static String refused(Runnable check) {
        return assertThrows(CleverTapBadInputException.class, check::run).getMessage();
    }

    private static DateRange range(String from, String to) {
        return new DateRange(from == null ? null : LocalDate.parse(from), to == null ? null : LocalDate.parse(to));
    }

    @Test
    void aRangeOfUpTo366DaysWithin2000To2100IsAccepted() {
        DateRange longest = range("2024-01-01", "2024-12-31");

        assertThat(longest.validate("range"), equalTo(longest));
        assertThat(range("2024-03-05", "2024-03-05").validate("range").from(), equalTo(LocalDate.parse("2024-03-05")));
    }

    @Test
    void aRangeOutOfBoundsIsRefusedNamingTheField() {
        assertThat(refused(() -> range(null, "2024-01-01").validate("query.range")), equalTo("query.range.from: is required"));
        assertThat(refused(() -> range("2024-01-01", null).validate("query.range")), equalTo("query.range.to: is required"));
        assertThat(refused(() -> range("2024-01-02", "2024-01-01").validate("range")),
                equalTo("range: from (2024-01-02) is after to (2024-01-01)"));
        assertThat(refused(() -> range("2024-01-01", "2025-01-01").validate("range")),
                equalTo("range: spans more than 366 days (2024-01-01 to 2025-01-01)"));
        assertThat(refused(() -> range("1999-12-31", "2000-01-01").validate("range")),
                equalTo("range: days must lie between 2000 and 2100"));
        assertThat(refused(() -> range("2101-01-01", "2101-01-02").validate("range")),
                equalTo("range: days must lie between 2000 and 2100"));
    }

    @Test
    void firstDefaultsTo100AndMustLieBetween1And5000() {
        assertThat(Paging.batchSize(null), equalTo(100));
        assertThat(Paging.batchSize(1), equalTo(1));
        assertThat(Paging.batchSize(5000), equalTo(5000));
        assertThat(refused(() -> Paging.batchSize(0)), equalTo("first: must be between 1 and 5000"));
        assertThat(refused(() -> Paging.batchSize(5001)), equalTo("first: must be between 1 and 5000"));
    }

    @Test
    void afterIsPassedOnUntouchedUnlessItCannotBeACursor() {
        assertThat(Paging.cursor(null), nullValue());
        assertThat(Paging.cursor("ZyZj%2FNQ=="), equalTo("ZyZj%2FNQ=="));
        for (String bad : new String[]{"", "   ", "a b", "a\nb", "x".repeat(4097)}) {
            assertThat(refused(() -> Paging.cursor(bad)), equalTo("after: is not a cursor returned by this API"));
        }
    }
}
