package dev.ctgraphql.graphql.http;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

import dev.ctgraphql.ItApiKeys;

import static dev.ctgraphql.graphql.http.HttpCalls.EVENT_COUNT;
import static dev.ctgraphql.graphql.http.HttpCalls.GRAPHQL_RESPONSE;
import static dev.ctgraphql.graphql.http.HttpCalls.launches;
import static dev.ctgraphql.graphql.http.HttpCalls.post;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/**
 * HTTP caching of GET answers: ETag and 304 on If-None-Match, Cache-Control max-age within the data's freshness,
 * private with credentials and public without, no-store for errors, nothing of the kind on POST.
 */
@QuarkusTest
class HttpCachingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern MAX_AGE = Pattern.compile("max-age=(\\d+)");

    static String scope() {
        return ItApiKeys.sentKey() != null ? "private" : "public";
    }

    static Response get(String query, Object variables, String ifNoneMatch) throws Exception {
        var request = given().accept(GRAPHQL_RESPONSE).queryParam("query", query);
        if (variables != null) {
            request.queryParam("variables", JSON.writeValueAsString(variables));
        }
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        return request.get("/graphql");
    }

    static long maxAge(Response response) {
        Matcher matcher = MAX_AGE.matcher(response.header("Cache-Control"));
        return matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
    }

    @Test
    void aPersistedQueryByGetRevalidatesTo304() throws Exception {
        String query = EVENT_COUNT + " # http-cache " + System.nanoTime();
        String hash = PersistedQueryTest.sha256(query);
        Map<String, Object> extensions = PersistedQueryTest.persisted(hash);
        post(Map.of("query", query, "extensions", extensions, "variables", launches()), GRAPHQL_RESPONSE)
                .then().statusCode(200).body("data.eventCount.status", equalTo("COMPLETE"));

        Response first = given().accept(GRAPHQL_RESPONSE)
                .queryParam("extensions", JSON.writeValueAsString(extensions))
                .queryParam("variables", JSON.writeValueAsString(launches())).get("/graphql");

        first.then().statusCode(200).body("data.eventCount.status", equalTo("COMPLETE"))
                .header("ETag", startsWith("\""))
                .header("Vary", allOf(containsString("Accept"), containsString("Authorization"), containsString("X-API-Key")))
                .header("Cache-Control", startsWith(scope() + ", max-age="));
        // settled days: the counts cache keeps them an hour at most
        assertThat(maxAge(first), allOf(greaterThan(0L), lessThanOrEqualTo(3600L)));
        String etag = first.header("ETag");

        Response again = given().accept(GRAPHQL_RESPONSE)
                .queryParam("extensions", JSON.writeValueAsString(extensions))
                .queryParam("variables", JSON.writeValueAsString(launches()))
                .header("If-None-Match", "\"something-else\", " + etag).get("/graphql");

        again.then().statusCode(304).header("ETag", equalTo(etag)).body(emptyString());
        assertThat(maxAge(again), lessThanOrEqualTo(maxAge(first)));

        get(query, launches(), "\"an-older-answer\"").then().statusCode(200).header("ETag", equalTo(etag));
    }

    @Test
    void maxAgeIsNoLongerThanTheFreshnessLeftOnLiveData() throws Exception {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Map<String, Object> live = Map.of("query", Map.of("eventName", "Charged",
                "range", Map.of("from", today.minusDays(1).toString(), "to", today.toString())));
        String query = EVENT_COUNT + " # live " + System.nanoTime();

        Response answer = get(query, live, null);

        answer.then().statusCode(200).body("data.eventCount.status", equalTo("COMPLETE"));
        // today's counts live for the counts cache's live-ttl (1m)
        assertThat(maxAge(answer), allOf(greaterThan(-1L), lessThanOrEqualTo(60L)));

        Response realtime = get("{ realtimeUserCount { total } }", null, null);
        realtime.then().statusCode(200).header("Cache-Control", startsWith(scope()));
        assertThat(maxAge(realtime), lessThanOrEqualTo(5L));
    }

    @Test
    void errorsAndAnswersNotMadeOfCachedDataAreNeverStored() throws Exception {
        Response refused = get("{ campaign(id: \"not-a-number\") { id } }", null, null);
        refused.then().statusCode(200).body("errors[0].extensions.code", equalTo("BAD_USER_INPUT"))
                .header("ETag", notNullValue()).header("Cache-Control", equalTo("no-store"));

        Response viewer = get("{ viewer { roles } }", null, null);
        viewer.then().statusCode(200).header("Cache-Control", equalTo("no-store"));
    }

    @Test
    void postAnswersCarryNoCachingHeaders() {
        post(Map.of("query", EVENT_COUNT, "variables", launches()), GRAPHQL_RESPONSE)
                .then().statusCode(200).header("ETag", nullValue()).header("Cache-Control", not(containsString("max-age")));
    }
}
