package dev.ctgraphql.sandbox;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;

import com.fasterxml.jackson.databind.JsonNode;

/** CleverTap's date formats: {@code yyyyMMdd} days, {@code yyyyMMddHHmmss} timestamps, project-local. */
final class SandboxDates {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("uuuuMMdd")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("uuuuMMdd HH:mm")
            .withResolverStyle(ResolverStyle.STRICT);

    private SandboxDates() {
    }

    /** Reads a {@code yyyyMMdd} day sent as a number or a string; a missing or bad one is a 400. */
    static LocalDate parseDay(JsonNode node, String field) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            throw SandboxException.badRequest("Missing mandatory parameter: " + field);
        }
        String text = node.isIntegralNumber() ? Long.toString(node.longValue()) : node.isTextual() ? node.textValue() : "";
        try {
            if (text.length() != 8) {
                throw new DateTimeParseException("not 8 digits", text, 0);
            }
            return LocalDate.parse(text, DAY);
        } catch (DateTimeParseException e) {
            throw SandboxException.badRequest("Invalid date for " + field + ": expected yyyyMMdd");
        }
    }

    /** Reads Create Campaign's {@code "yyyyMMdd HH:mm"}; null when the text is not in that form. */
    static LocalDateTime parseWhen(String text) {
        try {
            return LocalDateTime.parse(text, WHEN);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static String format(LocalDate day) {
        return DAY.format(day);
    }

    static long dayNumber(LocalDate day) {
        return day.getYear() * 10_000L + day.getMonthValue() * 100L + day.getDayOfMonth();
    }

    static LocalDate day(long epochSecond, ZoneId zone) {
        return LocalDate.ofInstant(Instant.ofEpochSecond(epochSecond), zone);
    }

    /** The 14-digit {@code yyyyMMddHHmmss} number Get Events uses for {@code ts}. */
    static long timestamp(long epochSecond, ZoneId zone) {
        LocalDateTime t = LocalDateTime.ofInstant(Instant.ofEpochSecond(epochSecond), zone);
        return dayNumber(t.toLocalDate()) * 1_000_000L + t.getHour() * 10_000L + t.getMinute() * 100L + t.getSecond();
    }

    /** The 12-digit {@code yyyyMMddHHmm} number Get Campaigns uses for {@code scheduled_on}. */
    static long minute(long epochSecond, ZoneId zone) {
        return timestamp(epochSecond, zone) / 100;
    }

    static long startOf(LocalDate day, ZoneId zone) {
        return day.atStartOfDay(zone).toEpochSecond();
    }
}
