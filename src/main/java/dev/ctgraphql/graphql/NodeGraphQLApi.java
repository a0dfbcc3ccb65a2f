package dev.ctgraphql.graphql;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import io.smallrye.mutiny.Uni;

import dev.ctgraphql.campaign.CampaignClient;
import dev.ctgraphql.profile.ProfileClient;
import dev.ctgraphql.upstream.CleverTapBadInputException;

/** Relay's {@code node(id:)}: fetches any {@link Node} again by its global id (profiles and campaigns). */
@GraphQLApi
public class NodeGraphQLApi {

    private final ProfileClient profiles;
    private final CampaignClient campaigns;

    NodeGraphQLApi(ProfileClient profiles, CampaignClient campaigns) {
        this.profiles = profiles;
        this.campaigns = campaigns;
    }

    @Query
    @Description("Any object with a global id (a Profile or a Campaign) fetched again by that id; null when it no longer "
            + "exists.")
    public Uni<Node> node(@NonNull @Id @Name("id") @Description("A global id read from a Node's id field.") String id) {
        GlobalIds.Decoded decoded = GlobalIds.decode(id);
        CleverTapBadInputException.check(decoded != null && !decoded.key().isEmpty(), "id",
                "is not a global id made by this API");
        return switch (decoded.type()) {
            case "Campaign" -> campaigns.find(decoded.key()).map(campaign -> (Node) campaign);
            case "Profile" -> profile(decoded.key());
            default -> throw new CleverTapBadInputException("id: is not a global id made by this API");
        };
    }

    private Uni<Node> profile(String key) {
        ProfileClient.Key by = key.startsWith("o:")
                ? ProfileClient.Key.OBJECT_ID
                : key.startsWith("i:")
                        ? ProfileClient.Key.IDENTITY
                        : key.startsWith("e:") ? ProfileClient.Key.EMAIL : null;
        CleverTapBadInputException.check(by != null && key.length() > 2, "id", "is not a global id made by this API");
        return profiles.profile(by, key.substring(2)).map(profile -> (Node) profile);
    }
}
