package dev.ctgraphql.security;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.aMapWithSize;
import static org.hamcrest.Matchers.anEmptyMap;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/**
 * With API keys configured and anonymous access off: who gets HTTP 401, and what each role may do, operation by
 * operation, with nothing sent to CleverTap for a refused field.
 */
@QuarkusTest
@TestProfile(AuthProfile.class)
class ApiKeyAccessTest {

    static Stream<Arguments> rolesAndOperations() {
        Map<String, Set<String>> keys = Map.of(
                AuthProfile.VIEWER_KEY, Set.of(Roles.VIEWER),
                AuthProfile.EDITOR_KEY, Set.of(Roles.EDITOR),
                AuthProfile.ADMIN_KEY, Set.of(Roles.ADMIN),
                AuthProfile.ALL_KEY, Roles.ALL);
        return keys.entrySet().stream().flatMap(key -> Stream.of(Operation.values())
                .map(operation -> Arguments.of(key.getKey(), key.getValue(), operation)));
    }

    @ParameterizedTest(name = "{1} {2}")
    @MethodSource("rolesAndOperations")
    void eachRoleDoesExactlyItsOperations(String key, Set<String> roles, Operation operation) {
        AccessAssertions.check(Caller.apiKey(key), roles, operation);
    }

    @ParameterizedTest
    @EnumSource(Operation.class)
    void callersWithoutValidCredentialsGet401WithAChallengeAndNothingReachesCleverTap(Operation operation) {
        SandboxRequests.reset();
        for (Caller caller : List.of(Caller.ANONYMOUS, Caller.apiKey("not-a-key"), Caller.apiKey(AuthProfile.REMOVED_KEY),
                Caller.authorization("ApiKey " + AuthProfile.REMOVED_KEY), Caller.authorization("Basic YWRtaW46YWRtaW4="))) {
            Response response = caller.post(operation.document, operation.variables());
            assertThat(caller + " " + operation, response.statusCode(), equalTo(401));
            assertThat(response.header("WWW-Authenticate"), notNullValue());
            assertThat(response.asString(), not(containsString("Exception")));
        }
        assertThat(SandboxRequests.received(), anEmptyMap());
    }

    @Test
    void theKeyIsAcceptedInTheAuthorizationHeaderToo() {
        JsonPath answer = Caller.authorization("ApiKey " + AuthProfile.ALL_KEY)
                .post(Operation.QUERY.document, Operation.QUERY.variables()).then().statusCode(200).extract().jsonPath();
        assertThat(answer.getList("errors.extensions.code"), not(hasItem("FORBIDDEN")));
    }

    /** A refused field is refused alone: every mutation's result is nullable, so its siblings' results stay. */
    @Test
    void aFieldTheCallerMayNotUseIsRefusedAloneAndTheOtherFieldsOfTheDocumentAreAnswered() {
        SandboxRequests.reset();
        JsonPath answer = Caller.apiKey(AuthProfile.EDITOR_KEY).post("uploadAndRawRequest",
                "events", List.of(Map.of("identity", "auth-user-2", "name", "Auth Mixed")),
                "path", "/1/profile.json", "query", Map.of("identity", "user-0002"))
                .then().statusCode(200).extract().jsonPath();

        assertThat(answer.prettify(), answer.getInt("data.uploadEvents.accepted"), equalTo(1));
        assertThat(answer.getString("data.cleverTapRequest"), nullValue());
        assertThat(answer.getList("errors"), hasSize(1));
        assertThat(answer.getString("errors[0].extensions.code"), equalTo("FORBIDDEN"));
        assertThat(answer.getList("errors[0].path"), equalTo(List.of("cleverTapRequest")));
        assertThat(answer.getString("errors[0].message"), containsString("admin"));
        Map<String, Object> received = SandboxRequests.received();
        assertThat(received, aMapWithSize(1));
        assertThat(received.get("POST /1/upload"), equalTo(1));
    }

    @Test
    void aRefusedMutationLeavesTheResultsOfTheOtherMutationsOfTheDocument() {
        SandboxRequests.reset();
        JsonPath answer = Caller.apiKey(AuthProfile.EDITOR_KEY).post("uploadAndDelete",
                "events", List.of(Map.of("identity", "auth-user-3", "name", "Auth Mixed")),
                "identities", List.of("user-0003"))
                .then().statusCode(200).extract().jsonPath();

        assertThat(answer.prettify(), answer.getInt("data.uploadEvents.accepted"), equalTo(1));
        assertThat(answer.getString("data.uploadEvents.status"), equalTo("SUCCESS"));
        assertThat(answer.getMap("data").containsKey("deleteProfiles"), equalTo(true));
        assertThat(answer.getString("data.deleteProfiles"), nullValue());
        assertThat(answer.getList("errors"), hasSize(1));
        assertThat(answer.getString("errors[0].extensions.code"), equalTo("FORBIDDEN"));
        assertThat(answer.getList("errors[0].path"), equalTo(List.of("deleteProfiles")));
        Map<String, Object> received = SandboxRequests.received();
        assertThat(received, aMapWithSize(1));
        assertThat(received.get("POST /1/upload"), equalTo(1));
    }

    @Test
    void anEditorsMutationThatAlsoNamesAnAdminFieldGetsItsOwnResultAndForbiddenForTheOther() {
        SandboxRequests.reset();
        JsonPath answer = Caller.apiKey(AuthProfile.EDITOR_KEY).post("subscriptionsAndSend",
                "changes", List.of(Map.of("channel", "PHONE", "value", "+14155550123", "action", "UNSUBSCRIBE")),
                "input", Map.of("channel", "SMS", "to", Map.of("identities", List.of("user-0001")),
                        "content", Map.of("body", "Not for editors")))
                .then().statusCode(200).extract().jsonPath();

        assertThat(answer.prettify(), answer.getString("data.updateSubscriptions.status"), equalTo("SUCCESS"));
        assertThat(answer.getInt("data.updateSubscriptions.accepted"), equalTo(1));
        assertThat(answer.getString("data.sendMessage"), nullValue());
        assertThat(answer.getList("errors"), hasSize(1));
        assertThat(answer.getString("errors[0].extensions.code"), equalTo("FORBIDDEN"));
        assertThat(answer.getList("errors[0].path"), equalTo(List.of("sendMessage")));
        Map<String, Object> received = SandboxRequests.received();
        assertThat(received, aMapWithSize(1));
        assertThat(received.get("POST /1/subscribe"), equalTo(1));
    }

    @Test
    void healthStaysOpenAndMetricsNeedAnAdminKeyWhenProtected() {
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(401);
        Caller.apiKey(AuthProfile.VIEWER_KEY).request().get("/q/metrics").then().statusCode(403);
        Caller.apiKey(AuthProfile.ADMIN_KEY).request().get("/q/metrics").then().statusCode(200);
    }
}
