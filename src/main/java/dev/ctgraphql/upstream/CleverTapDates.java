package dev.ctgraphql.upstream;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** CleverTap's date and time encodings: {@code yyyyMMdd} days, {@code yyyyMMddHHmmss} event times, epoch seconds. */
public final class CleverTapDates {

    private static final DateTimeFormatter EVENT_TS = DateTimeFormatter.ofPattern("uuuuMMddHHmmss");
    private static final DateTimeFormatter SCHEDULE = DateTimeFormatter.ofPattern("uuuuMMddHHmm");

    private CleverTapDates() {
    }

    /** A day as CleverTap's integer {@code yyyyMMdd}. */
    public static int toDay(LocalDate day) {
        return day.getYear() * 10000 + day.getMonthValue() * 100 + day.getDayOfMonth();
    }

    /** Reads {@code yyyyMMdd} (number or string); null when it is not a valid day. */
    public static LocalDate fromDay(String value) {
        if (value == null || value.length() != 8) {
            return null;
        }
        try {
            return LocalDate.parse(value, DateTimeFormatter.BASIC_ISO_DATE);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Reads an event record's 14-digit {@code ts}, a wall-clock time in the project's time zone; null if malformed. */
    public static OffsetDateTime fromEventTs(String value, ZoneId projectZone) {
        if (value == null || value.length() != 14) {
            return null;
        }
        try {
            return LocalDateTime.parse(value, EVENT_TS).atZone(projectZone).toOffsetDateTime();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * Reads a campaign's {@code scheduled_on}, documented nowhere: {@code yyyyMMddHHmm} (seen in samples), or epoch
     * seconds; null when it is neither.
     */
    public static OffsetDateTime fromSchedule(String value, ZoneId projectZone) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            if (value.length() == 12) {
                return LocalDateTime.parse(value, SCHEDULE).atZone(projectZone).toOffsetDateTime();
            }
            if (value.length() == 14) {
                return fromEventTs(value, projectZone);
            }
            if (value.length() == 10) {
                return fromEpochSeconds(Long.parseLong(value), projectZone);
            }
        } catch (DateTimeParseException | NumberFormatException e) {
            return null;
        }
        return null;
    }

    /** Epoch seconds (event summaries' first/last seen) as a time in the project's zone; null for 0 or less. */
    public static OffsetDateTime fromEpochSeconds(long seconds, ZoneId projectZone) {
        return seconds <= 0 ? null : Instant.ofEpochSecond(seconds).atZone(projectZone).toOffsetDateTime();
    }
}
