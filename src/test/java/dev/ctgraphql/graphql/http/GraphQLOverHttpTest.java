package dev.ctgraphql.graphql.http;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

import static dev.ctgraphql.graphql.http.HttpCalls.EVENT_COUNT;
import static dev.ctgraphql.graphql.http.HttpCalls.GRAPHQL_RESPONSE;
import static dev.ctgraphql.graphql.http.HttpCalls.launches;
import static dev.ctgraphql.graphql.http.HttpCalls.post;
import static dev.ctgraphql.graphql.http.HttpCalls.upstreamRequests;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/**
 * /graphql speaks GraphQL over HTTP: media types, GET for queries only, and the status codes the specification
 * gives a malformed request, a document that fails validation and a request without a query; each refusal names
 * what is wrong and reaches nothing upstream.
 */
@QuarkusTest
class GraphQLOverHttpTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeEach
    void reset() {
        HttpCalls.resetUpstream();
    }

    @Test
    void answersInTheGraphQLResponseMediaTypeWhenAskedFor() {
        Response response = post(Map.of("query", EVENT_COUNT, "variables", launches()), GRAPHQL_RESPONSE);

        response.then().statusCode(200).contentType(startsWith(GRAPHQL_RESPONSE))
                .body("data.eventCount.status", equalTo("COMPLETE"))
                .body("data.eventCount.value", greaterThan(0));
    }

    @Test
    void answersJsonToCallersThatAskForJsonOrNothing() {
        post(Map.of("query", EVENT_COUNT, "variables", launches()), "application/json")
                .then().statusCode(200).contentType(startsWith("application/json"));
        given().contentType("application/json").body(Map.of("query", "{ __typename }")).post("/graphql")
                .then().statusCode(200).contentType(startsWith("application/json"))
                .body("data.__typename", equalTo("Query"));
    }

    @Test
    void refusesAnAcceptHeaderItCannotSatisfy() {
        post(Map.of("query", "{ __typename }"), "text/html").then().statusCode(406)
                .body("errors[0].message", containsString("Accept"));
    }

    @Test
    void runsQueriesSentWithGet() throws Exception {
        given().accept(GRAPHQL_RESPONSE).queryParam("query", EVENT_COUNT)
                .queryParam("variables", JSON.writeValueAsString(launches()))
                .get("/graphql")
                .then().statusCode(200).contentType(startsWith(GRAPHQL_RESPONSE))
                .body("data.eventCount.status", equalTo("COMPLETE"));
    }

    @Test
    void refusesMutationsSentWithGet() {
        int before = upstreamRequests();

        given().accept(GRAPHQL_RESPONSE).queryParam("query", "mutation { stopCampaign(id: \"1\") { ok } }")
                .get("/graphql")
                .then().statusCode(405).header("Allow", "POST")
                .body("errors[0].message", containsString("POST"))
                .body("errors[0].extensions.code", equalTo("BAD_USER_INPUT"));
        assertThat(upstreamRequests(), is(before));
    }

    @Test
    void refusesOtherMethods() {
        given().contentType("application/json").body("{}").put("/graphql").then().statusCode(405)
                .header("Allow", "GET, POST");
    }

    @Test
    void malformedJsonIsABadRequest() {
        given().contentType("application/json").accept(GRAPHQL_RESPONSE).body("{\"query\": \"{ __typename }\"")
                .post("/graphql")
                .then().statusCode(400).body("errors[0].message", containsString("not valid JSON"));
        given().contentType("application/json").body("[{\"query\": \"{ __typename }\"}]").post("/graphql")
                .then().statusCode(400).body("errors[0].message", containsString("one JSON object"));
    }

    @Test
    void severalOperationsWithoutAnOperationNameAreARequestErrorNotAServerFailure() {
        // the answer memo asked which operation runs and got none (a 500 before)
        given().contentType("application/json").body(Map.of("query", "{ __typename } query Other { __typename }"))
                .post("/graphql").then().statusCode(200).body("data", nullValue())
                .body("errors[0].message", containsString("operation"));
        given().contentType("application/json").body(Map.of("query", "query One { __typename } query Other { __typename }",
                "operationName", "Other")).post("/graphql").then().statusCode(200).body("data.__typename", equalTo("Query"));
    }

    @Test
    void aGetWithNoOperationSelectedIsTheSameRequestErrorAndRunsNothing() {
        int before = upstreamRequests();
        // several operations, one a mutation, and no operationName: nothing is selected, so nothing is refused as a
        // mutation either; graphql-java's request error, as for a POST
        given().queryParam("query", "query One { __typename } mutation Two { stopCampaign(id: \"1\") { ok } }")
                .get("/graphql").then().statusCode(200).body("data", nullValue())
                .body("errors[0].message", containsString("operation"));
        given().queryParam("query", "query One { __typename }").queryParam("operationName", "Missing").get("/graphql")
                .then().statusCode(200).body("data", nullValue()).body("errors[0].message", containsString("Missing"));
        given().queryParam("query", "query One { __typename } mutation Two { stopCampaign(id: \"1\") { ok } }")
                .queryParam("operationName", "Two").get("/graphql").then().statusCode(405);
        assertThat(upstreamRequests(), equalTo(before));
    }

    @Test
    void aBodyWithAnythingAfterItsObjectIsNotValidJsonAndRunsNothing() {
        int before = upstreamRequests();
        given().contentType("application/json")
                .body("{\"query\": \"{ realtimeUserCount { total } }\"} {\"query\": \"{ __typename }\"}")
                .post("/graphql").then().statusCode(400)
                .body("errors[0].message", containsString("not valid JSON"));
        given().contentType("application/json").body("{\"query\": \"{ __typename }\"} x").post("/graphql")
                .then().statusCode(400).body("errors[0].message", containsString("not valid JSON"));
        given().queryParam("query", "query($n: Int) { __typename }").queryParam("variables", "{\"n\": 1} {}")
                .get("/graphql").then().statusCode(400)
                .body("errors[0].message", containsString("variables parameter is not valid JSON"));
        // whitespace after the object is fine
        given().contentType("application/json").body("{\"query\": \"{ __typename }\"}\n  \n").post("/graphql")
                .then().statusCode(200).body("data.__typename", equalTo("Query"));
        assertThat(upstreamRequests(), is(before));
    }

    @Test
    void wrongContentTypesAreRefused() {
        given().contentType("text/plain; charset=utf-8").body("{ __typename }").post("/graphql")
                .then().statusCode(415).body("errors[0].message", containsString("application/json"));
        given().contentType("application/json; charset=iso-8859-1").body("{\"query\": \"{ __typename }\"}")
                .post("/graphql").then().statusCode(415).body("errors[0].message", containsString("UTF-8"));
    }

    @Test
    void aBareGraphQLDocumentIsAccepted() {
        given().contentType("application/graphql; charset=utf-8")
                .body("{ __typename }".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/graphql")
                .then().statusCode(200).body("data.__typename", equalTo("Query"));
    }

    @Test
    void aRequestWithoutAQueryIsABadRequest() {
        given().contentType("application/json").body("{}").post("/graphql")
                .then().statusCode(400).body("errors[0].message", containsString("no query"));
        given().contentType("application/json").body("").post("/graphql")
                .then().statusCode(400).body("errors[0].message", containsString("empty"));
        given().contentType("application/json").body(Map.of("query", 42)).post("/graphql")
                .then().statusCode(400).body("errors[0].message", containsString("\"query\" must be a string"));
        given().contentType("application/json").body(Map.of("query", "{ __typename }", "variables", "x"))
                .post("/graphql")
                .then().statusCode(400).body("errors[0].message", containsString("\"variables\" must be a JSON object"));
        given().accept(GRAPHQL_RESPONSE).get("/graphql").then().statusCode(400);
    }

    @Test
    void aDocumentThatFailsValidationIs400ForTheGraphQLResponseMediaTypeAnd200ForJson() {
        Map<String, Object> unknownField = Map.of("query", "{ noSuchField }");

        post(unknownField, GRAPHQL_RESPONSE).then().statusCode(400).contentType(startsWith(GRAPHQL_RESPONSE))
                .body("data", nullValue())
                .body("errors[0].message", containsString("noSuchField"))
                .body("errors[0].extensions.code", equalTo("BAD_USER_INPUT"));
        post(unknownField, "application/json").then().statusCode(200)
                .body("errors[0].extensions.code", equalTo("BAD_USER_INPUT"));
    }

    @Test
    void aSyntaxErrorNamesWhereItIs() {
        post(Map.of("query", "{ eventCount(query: "), GRAPHQL_RESPONSE).then().statusCode(400)
                .body("errors[0].message", containsString("Invalid GraphQL syntax"))
                .body("errors[0].extensions.code", equalTo("BAD_USER_INPUT"));
    }

    @Test
    void anInvalidDateOrEnumInVariablesIsRefusedBeforeAnyUpstreamCall() {
        int before = upstreamRequests();
        Map<String, Object> badDate = Map.of("query", Map.of("eventName", "App Launched",
                "range", Map.of("from", "2026-02-30", "to", "2026-03-01")));
        String trend = "query T($query: EventQuery!, $g: TrendGranularity!) { trend(query: $query, granularity: $g) "
                + "{ start value } }";

        Response date = post(Map.of("query", EVENT_COUNT, "variables", badDate), GRAPHQL_RESPONSE);
        Response enumValue = post(Map.of("query", trend, "variables", Map.of("query", launches().get("query"),
                "g", "HOURLY")), GRAPHQL_RESPONSE);

        date.then().statusCode(400).body("errors[0].extensions.code", equalTo("BAD_USER_INPUT"))
                .body("errors[0].message", containsString("2026-02-30"));
        enumValue.then().statusCode(400).body("errors[0].extensions.code", equalTo("BAD_USER_INPUT"))
                .body("errors[0].message", containsString("HOURLY"));
        assertThat(upstreamRequests(), is(before));
    }

    @Test
    void anInvalidDateLiteralCarriesACode() {
        String literal = "{ eventCount(query: {eventName: \"App Launched\", range: {from: \"yesterday\", "
                + "to: \"2026-01-01\"}}) { value } }";

        post(Map.of("query", literal), "application/json").then().statusCode(200)
                .body("errors[0].extensions.code", equalTo("BAD_USER_INPUT"))
                .body("errors[0].message", containsString("yesterday"));
    }

    @Test
    void aBadTimeInAnUploadIsNamedByItsIndex() {
        int before = upstreamRequests();
        // the upload mutations read their arguments directly (graphql/BulkMutations), which names the record
        String upload = "mutation U($events: [EventInput!]!) { uploadEvents(events: $events) { accepted } }";
        List<Map<String, Object>> events = List.of(Map.of("identity", "u1", "name", "App Launched"),
                Map.of("identity", "u2", "name", "App Launched", "occurredAt", "last tuesday"));

        post(Map.of("query", upload, "variables", Map.of("events", events)), "application/json").then()
                .statusCode(200)
                .body("errors[0].message", containsString("events[1].occurredAt: 'last tuesday'"))
                .body("errors[0].extensions.code", equalTo("BAD_USER_INPUT"));
        assertThat(upstreamRequests(), is(before));
    }

    @Test
    void subscriptionsAreNotServedOverPlainHttp() {
        post(Map.of("query", "subscription { __typename }"), GRAPHQL_RESPONSE).then().statusCode(400)
                .body("errors[0].message", containsString("WebSocket"));
    }

    @Test
    void anUnexpectedFailureDescribesNothingInternal() {
        Response response = post(Map.of("query", "{ profile(identity: \"x\", email: \"y\") { identity } }"),
                "application/json");

        response.then().statusCode(200).body("errors[0].extensions.code", notNullValue());
        assertThat(response.asString().contains("Exception"), is(false));
        assertThat(response.asString().contains("dev.ctgraphql"), is(false));
    }
}
