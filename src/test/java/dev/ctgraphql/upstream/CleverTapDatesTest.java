package dev.ctgraphql.upstream;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** CleverTap's date encodings read and written; what is malformed reads as null instead of failing the answer. */
class CleverTapDatesTest {

    private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");

    @Test
    void daysAreYyyyMmDdNumbersBothWays() {
        assertThat(CleverTapDates.toDay(LocalDate.parse("2024-03-05")), equalTo(20240305));
        assertThat(CleverTapDates.fromDay("20240229"), equalTo(LocalDate.parse("2024-02-29")));
        assertThat(CleverTapDates.fromDay("20230229"), nullValue());
        assertThat(CleverTapDates.fromDay("2024035"), nullValue());
        assertThat(CleverTapDates.fromDay("2024-3-5"), nullValue());
        assertThat(CleverTapDates.fromDay(null), nullValue());
    }

    @Test
    void anEventTimeIsAWallClockTimeInTheProjectsZone() {
        assertThat(CleverTapDates.fromEventTs("20240305153000", KOLKATA),
                equalTo(OffsetDateTime.parse("2024-03-05T15:30:00+05:30")));
        assertThat(CleverTapDates.fromEventTs("20240305256000", KOLKATA), nullValue());
        assertThat(CleverTapDates.fromEventTs("202403051530", KOLKATA), nullValue());
    }

    @Test
    void aScheduleIsReadInEachFormItIsSeenIn() {
        assertThat(CleverTapDates.fromSchedule("202403051530", KOLKATA),
                equalTo(OffsetDateTime.parse("2024-03-05T15:30:00+05:30")));
        assertThat(CleverTapDates.fromSchedule("20240305153000", KOLKATA),
                equalTo(OffsetDateTime.parse("2024-03-05T15:30:00+05:30")));
        assertThat(CleverTapDates.fromSchedule("1709632800", KOLKATA),
                equalTo(OffsetDateTime.parse("2024-03-05T15:30:00+05:30")));
        assertThat(CleverTapDates.fromSchedule("soon", KOLKATA), nullValue());
        assertThat(CleverTapDates.fromSchedule("17096328xx", KOLKATA), nullValue());
        assertThat(CleverTapDates.fromSchedule(" ", KOLKATA), nullValue());
    }

    @Test
    void epochSecondsOfZeroOrLessMeanNever() {
        assertThat(CleverTapDates.fromEpochSeconds(0, KOLKATA), nullValue());
        assertThat(CleverTapDates.fromEpochSeconds(-1, KOLKATA), nullValue());
        assertThat(CleverTapDates.fromEpochSeconds(1, ZoneId.of("UTC")), equalTo(OffsetDateTime.parse("1970-01-01T00:00:01Z")));
    }
}
