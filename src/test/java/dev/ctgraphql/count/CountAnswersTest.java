package dev.ctgraphql.count;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import dev.ctgraphql.upstream.AsyncQueries;
import dev.ctgraphql.upstream.CleverTapUnavailableException;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A count as the cache keeps it: the service's own value, read back as it was written. */
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
}
