package dev.ctgraphql.observability;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.ctgraphql.upstream.ProcessIdentity;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** A request id this service makes is a well-formed random (version 4, IETF variant) UUID, and ids do not repeat. */
class RequestIdsTest {

    @Test
    void aNewIdIsAVersion4UuidInItsCanonicalTextAndIdsDoNotRepeat() {
        RequestIds ids = new RequestIds(new ProcessIdentity());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = ids.newId();
            UUID uuid = UUID.fromString(id);
            assertThat(uuid.toString(), equalTo(id));
            assertThat(uuid.version(), equalTo(4));
            assertThat(uuid.variant(), equalTo(2));
            assertThat(id.matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"), equalTo(true));
            seen.add(id);
        }
        assertThat(seen.size(), equalTo(10_000));
    }
}
