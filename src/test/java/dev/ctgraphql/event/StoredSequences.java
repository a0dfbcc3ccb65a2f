package dev.ctgraphql.event;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.restassured.path.json.JsonPath;

import dev.ctgraphql.GraphQLClient;

/** What the sandbox stored of an uploaded test event, read back through the {@code events} query page by page. */
final class StoredSequences {

    private StoredSequences() {
    }

    /** The {@code seq} property of every stored event called {@code name} since yesterday, repeats included. */
    static List<Integer> of(String name) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Map<String, Object> query = Map.of("eventName", name, "range", Map.of("from", today.minusDays(1).toString(),
                "to", today.toString()));
        List<Integer> all = new ArrayList<>();
        String after = null;
        do {
            JsonPath page = after == null
                    ? GraphQLClient.run("eventSequence", "query", query)
                    : GraphQLClient.run("eventSequence", "query", query, "after", after);
            all.addAll(page.getList("data.events.nodes.properties.seq"));
            after = page.getString("data.events.pageInfo.endCursor");
        } while (after != null);
        return all;
    }
}
