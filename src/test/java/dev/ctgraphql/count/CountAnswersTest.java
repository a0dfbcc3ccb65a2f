package dev.ctgraphql.count;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import dev.ctgraphql.upstream.AsyncQueries;
import dev.ctgraphql.upstream.CleverTapUnavailableException;
import dev.ctgraphql.upstream.CqlQuery;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * How count answers are read without a running service: a count as the cache keeps it (the service's own value, read
 * back as it was written), trend buckets and top values in the shapes CleverTap may answer.
 */
class CountAnswersTest {

    @Test
    void aCountIsKeptAsItsValueAndReadBackTheSame() {
        CountClient.Result done = CountAnswers.count(new AsyncQueries.Outcome(
                JsonNodeFactory.instance.objectNode().put("status", "success").put("count", 4759), null));
        assertThat(done, equalTo(new CountClient.Result(4759L, null)));
        assertThat(CountAnswers.RESULT.write(done).toString(), equalTo("{\"value\":4759}"));
        assertThat(CountAnswers.RESULT.read(CountAnswers.RESULT.write(done)), equalTo(done));

        CountClient.Result pending = CountAnswers.count(new AsyncQueries.Outcome(null, 77L));
        assertThat(pending, equalTo(new CountClient.Result(null, 77L)));
        assertThat(CountAnswers.RESULT.read(CountAnswers.RESULT.write(pending)), equalTo(pending));
    }

    @Test
    void cleverTapsOwnAnswerIsNotReadAsAKeptCount() {
        // an entry in another form (e.g. written by an older replica) is loaded again, never misread
        assertThrows(IllegalArgumentException.class,
                () -> CountAnswers.RESULT.read(JsonNodeFactory.instance.objectNode().put("count", 5)));
    }

    @Test
    void aFinalAnswerWithoutANumberIsAnErrorNotAZero() {
        assertThrows(CleverTapUnavailableException.class, () -> CountAnswers.count(new AsyncQueries.Outcome(
                JsonNodeFactory.instance.objectNode().put("status", "success"), null)));
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    private static CqlQuery days(String from, String to) {
        return new CqlQuery("App Launched", LocalDate.parse(from), LocalDate.parse(to), List.of(), List.of(), List.of());
    }

    @Test
    void dailyBucketsCoverEveryDayOfTheRangeWithZeroForTheDaysCleverTapLeftOut() throws Exception {
        Map<LocalDate, Double> points = CountAnswers.buckets(json("{\"20240302\": 5, \"20240304\": 7.5}"),
                days("2024-03-01", "2024-03-04"), TrendGranularity.DAILY);

        assertThat(points, equalTo(Map.of(LocalDate.parse("2024-03-01"), 0.0, LocalDate.parse("2024-03-02"), 5.0,
                LocalDate.parse("2024-03-03"), 0.0, LocalDate.parse("2024-03-04"), 7.5)));
        assertThat(List.copyOf(points.keySet()).get(0), equalTo(LocalDate.parse("2024-03-01")));
    }

    @Test
    void bucketsWrappedInOneObjectAreReadAndWhatIsNotANumberOrADayIsLeftOut() throws Exception {
        Map<LocalDate, Double> points = CountAnswers.buckets(
                json("{\"App Launched\": {\"20240301\": 2, \"20240302\": \"n/a\", \"someday\": 9}}"),
                days("2024-03-01", "2024-03-02"), TrendGranularity.DAILY);

        assertThat(points, equalTo(Map.of(LocalDate.parse("2024-03-01"), 2.0, LocalDate.parse("2024-03-02"), 0.0)));
    }

    @Test
    void weeklyBucketsStartOnTheIsoWeeksMondayAndAddDaysOfTheSameWeek() throws Exception {
        // 2024-W01 starts on Monday 2024-01-01; 2024-01-10 is a Wednesday of W02
        Map<LocalDate, Double> points = CountAnswers.buckets(json("{\"202401\": 3, \"20240110\": 4, \"20240111\": 1}"),
                days("2024-01-03", "2024-01-15"), TrendGranularity.WEEKLY);

        assertThat(points, equalTo(Map.of(LocalDate.parse("2024-01-01"), 3.0, LocalDate.parse("2024-01-08"), 5.0,
                LocalDate.parse("2024-01-15"), 0.0)));
    }

    @Test
    void monthlyBucketsStartOnTheFirstOfTheMonth() throws Exception {
        Map<LocalDate, Double> points = CountAnswers.buckets(json("{\"202402\": 10, \"20240315\": 1}"),
                days("2024-01-20", "2024-03-02"), TrendGranularity.MONTHLY);

        assertThat(points, equalTo(Map.of(LocalDate.parse("2024-01-01"), 0.0, LocalDate.parse("2024-02-01"), 10.0,
                LocalDate.parse("2024-03-01"), 1.0)));
    }

    @Test
    void aBucketKeyThatIsNoDayIsNotReadAsOne() {
        assertThat(CountAnswers.parseBucket("20240230", TrendGranularity.DAILY), nullValue());
        assertThat(CountAnswers.parseBucket("202413", TrendGranularity.MONTHLY), nullValue());
        assertThat(CountAnswers.parseBucket("2024", TrendGranularity.DAILY), nullValue());
        assertThat(CountAnswers.parseBucket("2024-03-01", TrendGranularity.DAILY), nullValue());
        assertThat(CountAnswers.parseBucket("2024ab", TrendGranularity.WEEKLY), nullValue());
    }

    @Test
    void topValuesReadBothShapesAddRepeatsSortByCountAndKeepTheLimit() throws Exception {
        List<Map.Entry<JsonNode, Long>> fromObject = CountAnswers.topValues(json("{\"IN\": 5, \"US\": 9, \"UK\": \"x\"}"), 10);
        assertThat(fromObject.stream().map(e -> e.getKey().asText() + "=" + e.getValue()).toList(), contains("US=9", "IN=5"));

        List<Map.Entry<JsonNode, Long>> fromArray = CountAnswers.topValues(json("[{\"value\": \"a\", \"count\": 2}, "
                + "{\"name\": \"b\", \"count\": 7}, {\"value\": \"a\", \"count\": 6}, {\"value\": 3, \"count\": 1}, "
                + "{\"count\": 50}]"), 2);
        assertThat(fromArray.stream().map(e -> e.getKey() + "=" + e.getValue()).toList(),
                contains("\"a\"=8", "\"b\"=7"));
    }
}
