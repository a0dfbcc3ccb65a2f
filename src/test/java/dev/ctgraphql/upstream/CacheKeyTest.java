package dev.ctgraphql.upstream;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/** Cache keys: one per endpoint and parameter list, whatever characters the values hold. */
class CacheKeyTest {

    private static final Endpoint PAGE = Endpoint.read("event export", "GET", CleverTapPaths.EVENTS);
    private static final Endpoint OPEN = Endpoint.read("event export", "POST", CleverTapPaths.EVENTS);

    @Test
    void separatorsInValuesNeverMakeTwoParameterListsMeetInOneKey() {
        // each pair would have met in one key had the values been concatenated as they are
        List<List<Parameter>> lists = List.of(
                List.of(p("event", "a cursor=b")),
                List.of(p("event", "a"), p("cursor", "b")),
                List.of(p("event", "a=b")),
                List.of(p("event=a", "b")),
                List.of(p("event", "a%20cursor%3Db")),
                List.of(p("event", "null")),
                List.of(p("event", null)),
                List.of(p("event", "%00")),
                List.of(p("event", "")),
                List.<Parameter>of(),
                List.of(p("body", JsonNodeFactory.instance.objectNode().put("event_name", "x y=z"))),
                List.of(p("body", "{\"event_name\":\"x"), p("y", "z\"}")));
        Map<String, List<Parameter>> seen = new HashMap<>();
        for (List<Parameter> parameters : lists) {
            CacheKey key = CacheKey.of(PAGE);
            parameters.forEach(parameter -> key.with(parameter.name(), parameter.value()));
            List<Parameter> before = seen.put(key.text(), parameters);
            assertThat("two parameter lists gave the key " + key.text(), before == null, equalTo(true));
        }
        assertThat(seen.size(), equalTo(lists.size()));
    }

    @Test
    void theEndpointIsPartOfTheKey() {
        assertThat(CacheKey.of(PAGE).with("cursor", "c").text(), not(equalTo(CacheKey.of(OPEN).with("cursor", "c").text())));
        assertThat(CacheKey.of(PAGE).with("cursor", "c").text(), equalTo("GET /1/events.json cursor=c"));
    }

    @Test
    void theSameParametersGiveTheSameKey() {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            keys.add(CacheKey.of(OPEN).with("batch_size", 50)
                    .with("body", JsonNodeFactory.instance.objectNode().put("event_name", "Charged")).text());
        }
        assertThat(keys.get(0), equalTo(keys.get(1)));
    }

    private record Parameter(String name, Object value) {
    }

    private static Parameter p(String name, Object value) {
        return new Parameter(name, value);
    }
}
