package dev.ctgraphql.upstream;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

class StartupCheckTest {

    @Test
    void withoutCredentialsOrSandboxTheMessageSaysWhatToSet() {
        assertThat(StartupCheck.problem(false, "", ""), allOf(containsString("CLEVERTAP_ACCOUNT_ID and CLEVERTAP_PASSCODE"),
                containsString("CLEVERTAP_SANDBOX_ENABLED=true")));
        assertThat(StartupCheck.problem(false, "ACC", ""), allOf(containsString("set CLEVERTAP_PASSCODE"),
                not(containsString("CLEVERTAP_ACCOUNT_ID and"))));
    }

    @Test
    void credentialsOrTheSandboxAreEnough() {
        assertThat(StartupCheck.problem(false, "ACC", "pass"), nullValue());
        assertThat(StartupCheck.problem(true, "", ""), nullValue());
    }
}
