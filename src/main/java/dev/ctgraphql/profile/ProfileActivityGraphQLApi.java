package dev.ctgraphql.profile;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Source;

import io.smallrye.mutiny.Uni;

import dev.ctgraphql.upstream.CleverTapBadInputException;

/** The profile's activity timeline (CleverTap's "User Activity" view). */
@GraphQLApi
public class ProfileActivityGraphQLApi {

    static final int MAX_DAYS = 90;
    static final int MAX_LIMIT = 200;

    private final ProfileActivityClient client;

    ProfileActivityGraphQLApi(ProfileActivityClient client) {
        this.client = client;
    }

    /** The timeline of each profile, resolved together for a whole list of profiles (batched to avoid N+1 resolution). */
    @Description("The user's recent events, newest first: the (up to 5) events they did most recently, each exported "
            + "for this user over the window.")
    public Uni<List<@NonNull List<@NonNull ActivityEntry>>> activity(@Source List<Profile> profiles,
            @Name("days") @DefaultValue("30") @Description("How many days back, 1 to 90.") int days,
            @Name("limit") @DefaultValue("50") @Description("Most entries, 1 to 200.") int limit) {
        try {
            CleverTapBadInputException.check(days >= 1 && days <= MAX_DAYS, "days", "must be between 1 and " + MAX_DAYS);
            CleverTapBadInputException.check(limit >= 1 && limit <= MAX_LIMIT, "limit", "must be between 1 and " + MAX_LIMIT);
        } catch (CleverTapBadInputException e) {
            // thrown from a batched field it would lose its error code; as a failed result it keeps it
            return Uni.createFrom().failure(e);
        }
        if (profiles.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<Uni<List<ActivityEntry>>> timelines = new ArrayList<>(profiles.size());
        for (Profile profile : profiles) {
            timelines.add(client.timeline(profile, days, limit));
        }
        return Uni.join().all(timelines).andFailFast();
    }
}
