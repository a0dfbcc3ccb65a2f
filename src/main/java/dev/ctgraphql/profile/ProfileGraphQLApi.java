package dev.ctgraphql.profile;

import java.util.LinkedHashSet;
import java.util.List;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import io.smallrye.graphql.api.Nullable;
import io.smallrye.mutiny.Uni;

import dev.ctgraphql.graphql.BulkArguments;
import dev.ctgraphql.graphql.EventQuery;
import dev.ctgraphql.graphql.OperationResult;
import dev.ctgraphql.graphql.Paging;
import dev.ctgraphql.graphql.UploadResult;
import dev.ctgraphql.upstream.CleverTapBadInputException;
import dev.ctgraphql.upstream.CleverTapConfig;
import dev.ctgraphql.upstream.UploadFeed;

/** User profiles: one by identifier, pages of those who did an event, uploads, device tokens and deletion. */
@GraphQLApi
public class ProfileGraphQLApi {

    /** Most identities or objectIds one deleteProfiles may name. */
    static final int MAX_DELETE = 10_000;

    private final ProfileClient client;
    private final CleverTapConfig config;

    ProfileGraphQLApi(ProfileClient client, CleverTapConfig config) {
        this.client = client;
        this.config = config;
    }

    /**
     * Defines the field in the schema; requests are answered by {@link ProfileUploadMutations}, which reads the
     * profiles without SmallRye's per-object conversion and calls {@link #upload}.
     */
    @Mutation
    @Description("Creates or updates profiles, any number up to the configured maximum, in chunks of 1000 within "
            + "CleverTap's concurrency limit. Every record not stored is listed in rejected by its index.")
    public Uni<UploadResult> uploadProfiles(
            @NonNull @Name("profiles") @Description("The profiles.") List<@NonNull ProfileInput> profiles,
            @Name("dryRun") @DefaultValue("false") @Description("Validate only, store nothing.") Boolean dryRun) {
        return upload(BulkArguments.records(profiles), Boolean.TRUE.equals(dryRun));
    }

    /** Reads and validates the profiles while sending the valid ones (see {@link UploadFeed}); accounts for each by index. */
    Uni<UploadResult> upload(BulkArguments.Records profiles, boolean dryRun) {
        checkSize("profiles", profiles.size());
        return UploadFeed.send("profiles", profiles.parser(), client.profileReader(),
                listener -> client.profileStream(listener, dryRun)).map(UploadResult::of);
    }

    /** Defines the field in the schema; requests are answered by {@link ProfileUploadMutations} through {@link #uploadTokens}. */
    @Mutation
    @Description("Attaches push tokens to devices CleverTap already knows, in chunks of 100. Every token not stored is "
            + "listed in rejected by its index.")
    public Uni<UploadResult> uploadDeviceTokens(
            @NonNull @Name("tokens") @Description("The tokens.") List<@NonNull DeviceTokenInput> tokens) {
        return uploadTokens(BulkArguments.records(tokens));
    }

    /** Reads and validates the tokens while sending the valid ones (see {@link UploadFeed}); accounts for each by index. */
    Uni<UploadResult> uploadTokens(BulkArguments.Records tokens) {
        checkSize("tokens", tokens.size());
        return UploadFeed.send("tokens", tokens.parser(), client.tokenReader(), client::tokenStream)
                .map(UploadResult::of);
    }

    @Mutation
    @Description("Deletes profiles with their events, by identity and/or by CleverTap id. This cannot be undone.")
    public Uni<OperationResult> deleteProfiles(
            @Nullable @Name("identities") @Description("Identities of the profiles to delete.") List<@NonNull String> identities,
            @Nullable @Name("objectIds") @Description("CleverTap ids of the profiles to delete. (A list of String, not ID: SmallRye "
                    + "GraphQL 2.17 cannot read a list of ID arguments.)") List<@NonNull String> objectIds) {
        List<String> byIdentity = distinct("identities", identities);
        List<String> byObjectId = distinct("objectIds", objectIds);
        CleverTapBadInputException.check(!byIdentity.isEmpty() || !byObjectId.isEmpty(), "identities, objectIds",
                "give at least one identity or objectId");
        CleverTapBadInputException.check(byIdentity.size() + byObjectId.size() <= MAX_DELETE, "identities, objectIds",
                "name at most " + MAX_DELETE + " profiles per mutation");
        return client.delete(byIdentity, byObjectId).map(done -> done[1] == 0
                ? new OperationResult(true, "Deleted " + done[0] + " profile(s)")
                : new OperationResult(false, "CleverTap confirmed " + done[0] + " and refused " + done[1]
                        + " of the identifiers; the refused ones were not deleted"));
    }

    void checkSize(String field, int size) {
        int max = config.uploads().maxRecords();
        CleverTapBadInputException.check(size <= max, field, "has " + size + " records; at most " + max + " per mutation");
    }

    private static List<String> distinct(String field, List<String> values) {
        if (values == null) {
            return List.of();
        }
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            CleverTapBadInputException.check(value != null && !value.isBlank() && value.length() <= 1024,
                    field + "[" + i + "]", "must not be empty");
        }
        return List.copyOf(new LinkedHashSet<>(values));
    }

    @Query
    @Description("One profile by exactly one of identity, email or objectId; null when CleverTap has none.")
    public Uni<Profile> profile(
            @Name("identity") @Description("Your identity for the user.") String identity,
            @Name("email") @Description("The user's email address.") String email,
            @Id @Name("objectId") @Description("CleverTap's id of the user's device.") String objectId) {
        int given = (identity != null ? 1 : 0) + (email != null ? 1 : 0) + (objectId != null ? 1 : 0);
        CleverTapBadInputException.check(given == 1, "identity, email, objectId",
                given == 0 ? "give one of them" : "give only one of them, not " + given);
        if (identity != null) {
            return client.profile(ProfileClient.Key.IDENTITY, nonBlank("identity", identity));
        }
        if (email != null) {
            CleverTapBadInputException.check(email.indexOf('@') > 0 && email.length() <= 254, "email",
                    "is not an email address");
            return client.profile(ProfileClient.Key.EMAIL, email.trim());
        }
        return client.profile(ProfileClient.Key.OBJECT_ID, nonBlank("objectId", objectId));
    }

    @Query
    @Description("Profiles that did the query's event, a page at a time.")
    public Uni<@NonNull ProfileConnection> profiles(
            @NonNull @Name("query") @Description("Which event, days and filters.") EventQuery query,
            @Name("first") @Description("Page size, 1 to 5000 (default 100); CleverTap may return fewer.") Integer first,
            @Name("after") @Description("endCursor of the previous page.") String after) {
        var cql = query.toCql("query");
        return client.page(cql, Paging.batchSize(first), Paging.cursor(after));
    }

    private static String nonBlank(String field, String value) {
        CleverTapBadInputException.check(!value.isBlank() && value.length() <= 1024, field, "must not be empty");
        return value.trim();
    }
}
