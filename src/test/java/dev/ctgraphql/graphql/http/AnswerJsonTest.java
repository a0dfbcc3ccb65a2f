package dev.ctgraphql.graphql.http;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.smallrye.graphql.execution.ExecutionResponse;

import graphql.ExecutionResultImpl;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/** {@link AnswerJson} writes the bytes SmallRye's answer rendering (JSON-P, JSON-B for other values) writes. */
class AnswerJsonTest {

    private static String smallRyes(Map<String, Object> data) {
        return new ExecutionResponse(new ExecutionResultImpl(data, List.of())).getExecutionResultAsJsonObject()
                .toString();
    }

    @Test
    void datesTimesNumbersAndTextAsSmallRyeWritesThem() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("offsetWholeMinute", OffsetDateTime.of(2026, 11, 29, 12, 44, 0, 0, ZoneOffset.UTC));
        data.put("offsetSeconds", OffsetDateTime.of(2026, 1, 9, 3, 4, 59, 0, ZoneOffset.UTC));
        data.put("offsetEarlyYear", OffsetDateTime.of(999, 1, 9, 3, 4, 59, 0, ZoneOffset.UTC));
        data.put("offsetOtherZone", OffsetDateTime.of(2026, 1, 9, 3, 4, 59, 0, ZoneOffset.ofHoursMinutes(5, 30)));
        data.put("offsetNanos", OffsetDateTime.of(2026, 1, 2, 3, 4, 5, 120_000_000, ZoneOffset.ofHours(2)));
        data.put("instant", Instant.parse("2026-03-01T00:00:00Z"));
        data.put("instantNanos", Instant.parse("2026-03-01T10:11:12.345678Z"));
        data.put("day", LocalDate.of(2026, 2, 28));
        data.put("local", LocalDateTime.of(2026, 2, 28, 23, 0));
        data.put("zoned", ZonedDateTime.of(2026, 6, 1, 8, 30, 0, 0, ZoneId.of("Europe/Berlin")));
        data.put("time", LocalTime.of(7, 5));
        data.put("offsetTime", OffsetTime.of(7, 5, 9, 0, ZoneOffset.ofHours(-3)));
        data.put("big", new BigInteger("9007199254740993"));
        data.put("text", "quote \" backslash \\ tab \t unicode \u00b7 \u0001");
        data.put("plain", "Win-back Offer: 10% off");
        data.put("beyondLatin1", "rocket \uD83D\uDE80, delete \u007f");
        data.put("list", List.of(1, 2.5d, true));
        data.put("wholeNumbers", List.of(0, -7, 42L, Long.MAX_VALUE, Long.MIN_VALUE, Integer.MIN_VALUE, (short) -3,
                (byte) 9, BigInteger.valueOf(-123), BigInteger.valueOf(Long.MIN_VALUE),
                new BigInteger("-9223372036854775809")));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("all", data);

        byte[] lean = AnswerJson.write(answer);

        assertThat(lean, notNullValue());
        assertThat(new String(lean, StandardCharsets.UTF_8), equalTo(smallRyes(answer)));
    }

    @Test
    void textBeyondAsciiIsTheUtf8ThatJavaEncodesEvenForALoneSurrogate() {
        String text = "\u00b7 \u07ff \u0800 \u20ac \uffff \uD83D\uDE80 lone \uD83D, \uDE80 \uD83D\uD83D\uDE80 end \uD83D";
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("text", text);

        assertThat(AnswerJson.write(answer),
                equalTo(("{\"data\":{\"text\":\"" + text + "\"}}").getBytes(StandardCharsets.UTF_8)));
    }
}
