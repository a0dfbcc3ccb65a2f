package dev.ctgraphql.graphql.http;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;

import dev.ctgraphql.GraphQLClient;
import dev.ctgraphql.upstream.ResponseCache;

import static dev.ctgraphql.graphql.http.HttpCalls.EVENT_COUNT;
import static dev.ctgraphql.graphql.http.HttpCalls.launches;
import static dev.ctgraphql.graphql.http.HttpCalls.post;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

/**
 * A query made only of fresh cached data is answered again without executing; anything else executes every time, and
 * a write makes the kept answers unusable at once.
 */
@QuarkusTest
class AnswerReuseTest {

    @Inject
    MeterRegistry registry;

    @Inject
    ResponseCache caches;

    @BeforeEach
    void emptyCaches() {
        caches.clearLocal();
    }

    private double reused() {
        return registry.get("graphql.answers.reused").counter().count();
    }

    @Test
    void aCachedQueryIsAnsweredAgainWithoutExecuting() {
        Map<String, Object> body = Map.of("query", EVENT_COUNT, "variables", launches());
        String first = post(body, "application/json").then().statusCode(200).extract().asString();
        String second = post(body, "application/json").then().statusCode(200).extract().asString();
        double before = reused();

        String third = post(body, "application/json").then().statusCode(200).extract().asString();

        assertThat(reused() - before, is(1.0));
        assertThat(third, equalTo(second));
        assertThat(second, equalTo(first));
    }

    @Test
    void aWriteEndsTheReuseOfWhatItChanged() {
        String identity = "reuse-" + System.nanoTime();
        GraphQLClient.run("uploadProfiles", "profiles", List.of(Map.of("identity", identity, "name", "Before")));
        GraphQLClient.run("profile", "identity", identity);
        GraphQLClient.run("profile", "identity", identity);
        double before = reused();
        assertThat(GraphQLClient.run("profile", "identity", identity).getString("data.profile.name"), equalTo("Before"));
        assertThat(reused() - before, is(1.0));

        GraphQLClient.run("uploadProfiles", "profiles", List.of(Map.of("identity", identity, "name", "After")));

        assertThat(GraphQLClient.run("profile", "identity", identity).getString("data.profile.name"), equalTo("After"));
    }

    @Test
    void answersWithErrorsOrLiveDataAreNeverReused() {
        Map<String, Object> bad = Map.of("query", "{ profile(identity: \"a\", email: \"b\") { identity } }");
        Map<String, Object> live = Map.of("query", "{ webhookDeliveries(last: 5) { id } }");
        for (int i = 0; i < 3; i++) {
            post(bad, "application/json").then().statusCode(200);
            post(live, "application/json").then().statusCode(200);
        }
        double before = reused();

        post(bad, "application/json").then().statusCode(200);
        post(live, "application/json").then().statusCode(200);

        assertThat(reused() - before, is(0.0));
    }
}
