package dev.ctgraphql.event;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.Unremovable;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;

import dev.ctgraphql.graphql.BulkMutation;
import dev.ctgraphql.graphql.RawArguments;

import graphql.schema.DataFetchingEnvironment;

/** Answers {@code uploadEvents}, reading the events straight from graphql-java's coerced arguments. */
@ApplicationScoped
@Unremovable
@Identifier("uploadEvents")
class EventUploadMutation implements BulkMutation {

    private final EventGraphQLApi api;

    EventUploadMutation(EventGraphQLApi api) {
        this.api = api;
    }

    @Override
    public Uni<?> fetch(DataFetchingEnvironment environment) {
        List<Map<String, Object>> raw = RawArguments.objects(environment.getArgument("events"));
        api.checkSize(raw.size());
        List<EventInput> events = new ArrayList<>(raw.size());
        for (int i = 0; i < raw.size(); i++) {
            Map<String, Object> event = raw.get(i);
            events.add(new EventInput(RawArguments.string(event, "identity"), RawArguments.string(event, "objectId"),
                    RawArguments.string(event, "name"), RawArguments.dateTime(event, "occurredAt", "events[" + i + "]"),
                    RawArguments.json(event.get("properties"))));
        }
        return api.upload(events, Boolean.TRUE.equals(RawArguments.bool(environment.getArgument("dryRun"))));
    }
}
