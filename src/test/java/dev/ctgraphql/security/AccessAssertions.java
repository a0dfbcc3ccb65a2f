package dev.ctgraphql.security;

import java.util.List;
import java.util.Set;

import io.restassured.path.json.JsonPath;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.anEmptyMap;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/** The access rule every test of a caller's roles checks. */
final class AccessAssertions {

    private AccessAssertions() {
    }

    /**
     * A caller with the operation's role reaches CleverTap and gets no FORBIDDEN error; one without it gets HTTP 200,
     * {@code null} for the field and one FORBIDDEN error naming the role, and CleverTap receives nothing.
     */
    static void check(Caller caller, Set<String> roles, Operation operation) {
        SandboxRequests.reset();
        JsonPath answer = caller.post(operation.document, operation.variables()).then().statusCode(200).extract()
                .jsonPath();
        String what = roles + " " + operation + ": " + answer.prettify();
        if (roles.contains(operation.role)) {
            assertThat(what, answer.getList("errors.extensions.code"), not(hasItem("FORBIDDEN")));
            assertThat(what, SandboxRequests.received(), not(anEmptyMap()));
        } else {
            assertThat(what, answer.getString("data." + operation.field), nullValue());
            assertThat(what, answer.getList("errors"), hasSize(1));
            assertThat(what, answer.getString("errors[0].extensions.code"), equalTo("FORBIDDEN"));
            assertThat(what, answer.getList("errors[0].path"), equalTo(List.of(operation.field)));
            assertThat(what, answer.getString("errors[0].message"), containsString(operation.role));
            assertThat(what, SandboxRequests.received(), anEmptyMap());
        }
    }
}
