package dev.ctgraphql.profile;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import io.smallrye.mutiny.Uni;

import dev.ctgraphql.graphql.EventQuery;
import dev.ctgraphql.graphql.Paging;
import dev.ctgraphql.upstream.CleverTapBadInputException;

/** User profiles: one by identifier, or pages of those who did an event. */
@GraphQLApi
public class ProfileGraphQLApi {

    private final ProfileClient client;

    ProfileGraphQLApi(ProfileClient client) {
        this.client = client;
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
