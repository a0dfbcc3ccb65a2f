package dev.ctgraphql.profile;

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

/** Answers {@code uploadProfiles} and {@code uploadDeviceTokens}, reading records straight from graphql-java's arguments. */
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
            List<Map<String, Object>> raw = RawArguments.objects(environment.getArgument("profiles"));
            api.checkSize("profiles", raw.size());
            List<ProfileInput> profiles = new ArrayList<>(raw.size());
            for (int i = 0; i < raw.size(); i++) {
                Map<String, Object> p = raw.get(i);
                profiles.add(new ProfileInput(RawArguments.string(p, "identity"), RawArguments.string(p, "objectId"),
                        RawArguments.string(p, "name"), RawArguments.string(p, "email"), RawArguments.string(p, "phone"),
                        RawArguments.enumValue(p, "gender", Gender.class),
                        RawArguments.date(p, "dateOfBirth", "profiles[" + i + "]"),
                        RawArguments.bool(p.get("emailOptIn")), RawArguments.bool(p.get("pushOptIn")),
                        RawArguments.bool(p.get("smsOptIn")), RawArguments.bool(p.get("whatsappOptIn")),
                        RawArguments.json(p.get("properties"))));
            }
            return api.upload(profiles, Boolean.TRUE.equals(RawArguments.bool(environment.getArgument("dryRun"))));
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
            List<Map<String, Object>> raw = RawArguments.objects(environment.getArgument("tokens"));
            api.checkSize("tokens", raw.size());
            List<DeviceTokenInput> tokens = new ArrayList<>(raw.size());
            for (Map<String, Object> t : raw) {
                tokens.add(new DeviceTokenInput(RawArguments.string(t, "objectId"), RawArguments.string(t, "token"),
                        RawArguments.enumValue(t, "type", DeviceTokenType.class)));
            }
            return api.uploadTokens(tokens);
        }
    }
}
