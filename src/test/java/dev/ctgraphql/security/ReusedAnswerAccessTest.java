package dev.ctgraphql.security;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** A kept answer (graphql/http/AnswerMemo) is only ever reused for callers with the same roles and valid credentials. */
@QuarkusTest
@TestProfile(AuthProfile.class)
class ReusedAnswerAccessTest {

    private static final String COUNT = "query C($query: EventQuery!) { eventCount(query: $query) { value } }";

    @Inject
    MeterRegistry registry;

    private double reused() {
        return registry.get("graphql.answers.reused").counter().count();
    }

    @Test
    void aViewersKeptAnswerIsNotGivenToOtherCallers() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Map<String, Object> body = Map.of("query", COUNT, "variables", Map.of("query", Map.of("eventName", "Charged",
                "range", Map.of("from", today.minusDays(9).toString(), "to", today.minusDays(2).toString()))));
        for (int i = 0; i < 3; i++) {
            Caller.apiKey(AuthProfile.VIEWER_KEY).request().contentType("application/json").body(body).post("/graphql")
                    .then().statusCode(200).body("data.eventCount.value", notNullValue());
        }

        Caller.apiKey(AuthProfile.EDITOR_KEY).request().contentType("application/json").body(body).post("/graphql")
                .then().statusCode(200).body("data", nullValue())
                .body("errors[0].extensions.code", equalTo("FORBIDDEN"));
        Caller.ANONYMOUS.request().contentType("application/json").body(body).post("/graphql").then().statusCode(401);
        Caller.apiKey(AuthProfile.REMOVED_KEY).request().contentType("application/json").body(body).post("/graphql")
                .then().statusCode(401);

        // after callers with other roles, the viewer's kept answer is still the viewer's
        double before = reused();
        Caller.apiKey(AuthProfile.VIEWER_KEY).request().contentType("application/json").body(body).post("/graphql")
                .then().statusCode(200).body("data.eventCount.value", notNullValue());
        assertThat(reused() - before, is(1.0));
    }
}
