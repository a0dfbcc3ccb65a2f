package dev.ctgraphql.profile;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.Unremovable;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;

import dev.ctgraphql.graphql.BulkArguments;
import dev.ctgraphql.graphql.BulkMutation;

import graphql.schema.DataFetchingEnvironment;

/** Answers {@code uploadProfiles} and {@code uploadDeviceTokens}, reading records straight from the request's JSON (see {@link BulkArguments}). */
final class ProfileUploadMutations {

    private ProfileUploadMutations() {
    }

    /** {@code uploadProfiles}. */
    @ApplicationScoped
    @Unremovable
    @Identifier("uploadProfiles")
    static class Profiles implements BulkMutation {

        private final ProfileGraphQLApi api;

        Profiles(ProfileGraphQLApi api) {
            this.api = api;
        }

        @Override
        public Uni<?> fetch(DataFetchingEnvironment environment) {
            return api.upload(BulkArguments.records(environment, "profiles"),
                    Boolean.TRUE.equals(environment.getArgument("dryRun")));
        }
    }

    /** {@code uploadDeviceTokens}. */
    @ApplicationScoped
    @Unremovable
    @Identifier("uploadDeviceTokens")
    static class Tokens implements BulkMutation {

        private final ProfileGraphQLApi api;

        Tokens(ProfileGraphQLApi api) {
            this.api = api;
        }

        @Override
        public Uni<?> fetch(DataFetchingEnvironment environment) {
            return api.uploadTokens(BulkArguments.records(environment, "tokens"));
        }
    }
}
