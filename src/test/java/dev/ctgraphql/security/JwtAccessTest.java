package dev.ctgraphql.security;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.anEmptyMap;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/** Frontends behind an identity provider: bearer tokens verified by key, issuer and audience, roles from groups. */
@QuarkusTest
@TestProfile(AuthProfile.class)
class JwtAccessTest {

    @ParameterizedTest
    @EnumSource(Operation.class)
    void aValidTokenGrantsTheRolesOfItsGroups(Operation operation) {
        AccessAssertions.check(Caller.bearer(JwtKeys.token(Set.of(Roles.VIEWER))), Set.of(Roles.VIEWER), operation);
        AccessAssertions.check(Caller.bearer(JwtKeys.token(Set.of(Roles.EDITOR, Roles.ADMIN))),
                Set.of(Roles.EDITOR, Roles.ADMIN), operation);
    }

    @Test
    void expiredWronglySignedWrongAudienceAndWrongIssuerTokensGet401AndNothingReachesCleverTap() {
        Set<String> all = Roles.ALL;
        SandboxRequests.reset();
        for (String token : new String[]{JwtKeys.expired(all), JwtKeys.signedByUnknownKey(all),
                JwtKeys.forAudience("another-service", all), JwtKeys.fromIssuer("https://evil.example.test", all),
                "not.a.token"}) {
            Response response = Caller.bearer(token).post(Operation.QUERY.document, Operation.QUERY.variables());
            assertThat(response.statusCode(), equalTo(401));
            assertThat(response.header("WWW-Authenticate"), notNullValue());
            assertThat(response.asString().contains("Exception"), equalTo(false));
        }
        assertThat(SandboxRequests.received(), anEmptyMap());
    }

    @Test
    void aTokenWithoutGroupsIsAuthenticatedButMayDoNothing() {
        Response response = Caller.bearer(JwtKeys.token(Set.of())).post(Operation.QUERY.document,
                Operation.QUERY.variables());
        assertThat(response.statusCode(), equalTo(200));
        assertThat(response.asString(), containsString("FORBIDDEN"));
    }
}
