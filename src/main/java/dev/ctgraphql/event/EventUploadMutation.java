package dev.ctgraphql.event;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.Unremovable;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;

import dev.ctgraphql.graphql.BulkArguments;
import dev.ctgraphql.graphql.BulkMutation;

import graphql.schema.DataFetchingEnvironment;

/** Answers {@code uploadEvents}, reading the events straight from the request's JSON (see {@link BulkArguments}). */
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
        BulkArguments.Records events = BulkArguments.records(environment, "events");
        return api.upload(events, Boolean.TRUE.equals(environment.getArgument("dryRun")));
    }
}
