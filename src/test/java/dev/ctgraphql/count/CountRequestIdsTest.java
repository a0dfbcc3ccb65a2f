package dev.ctgraphql.count;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.ctgraphql.upstream.CleverTapBadInputException;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The request ids a PENDING count hands out are read back by countResult; anything else is refused before any call. */
class CountRequestIdsTest {

    @Test
    void aRequestIdHandedOutIsReadBackAsItsKindAndNumber() {
        String events = CountClient.requestId(CountClient.Kind.EVENTS, 1234567890123L);
        String profiles = CountClient.requestId(CountClient.Kind.PROFILES, 7);

        assertThat(events, equalTo("events-1234567890123"));
        assertThat(CountClient.parseRequestId(events), equalTo(Map.entry(CountClient.Kind.EVENTS, 1234567890123L)));
        assertThat(CountClient.parseRequestId(profiles), equalTo(Map.entry(CountClient.Kind.PROFILES, 7L)));
    }

    @Test
    void anyOtherRequestIdIsABadInputNamingTheArgument() {
        for (String bad : new String[]{null, "", "events", "events-", "events-12a", "segments-5", "-5", "events--5",
                "events-99999999999999999999", "events-9999999999999999999"}) {
            CleverTapBadInputException e = assertThrows(CleverTapBadInputException.class,
                    () -> CountClient.parseRequestId(bad), String.valueOf(bad));
            assertThat(e.getMessage(), equalTo("requestId: not a request id returned by eventCount or profileCount"));
        }
    }
}
