package dev.ctgraphql.graphql.http;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import dev.ctgraphql.GraphQLClient;
import dev.ctgraphql.security.AuthProfile;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/** The lean executor refuses a field to a caller without its role exactly as SmallRye's executor does. */
@QuarkusTest
@TestProfile(AuthProfile.class)
class LeanAccessTest {

    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    @Inject
    LeanExecution lean;

    private static JsonPath post(String key, String query, Map<String, Object> variables) {
        return given().header("X-API-Key", key).contentType(ContentType.JSON).accept(ContentType.JSON)
                .body(Map.of("query", query, "variables", variables)).post("/graphql")
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void aCallerWithoutTheViewerRoleIsRefusedTheSameWayOnBothExecutors() {
        String document = GraphQLClient.document("campaigns");
        String onSmallRye = document.replaceFirst("\\{", "{ __typename");
        Map<String, Object> variables = Map.of("range", Map.of("from", TODAY.minusDays(30).toString(),
                "to", TODAY.toString()));
        long before = lean.executed();

        JsonPath leanAnswer = post(AuthProfile.EDITOR_KEY, document, variables);
        long afterLean = lean.executed();
        JsonPath smallRyeAnswer = post(AuthProfile.EDITOR_KEY, onSmallRye, variables);
        JsonPath viewer = post(AuthProfile.VIEWER_KEY, document, variables);

        assertThat("the refused document ran on the lean executor", afterLean - before, is(1L));
        assertThat(leanAnswer.getString("data"), nullValue());
        assertThat(leanAnswer.getString("errors[0].extensions.code"), equalTo("FORBIDDEN"));
        for (String key : List.of("message", "path", "extensions")) {
            assertThat(key, leanAnswer.get("errors[0]." + key), equalTo(smallRyeAnswer.get("errors[0]." + key)));
        }
        assertThat(smallRyeAnswer.getList("errors").size(), is(1));
        assertThat(viewer.getList("data.campaigns"), not(nullValue()));
        assertThat(viewer.getString("errors"), nullValue());
    }
}
