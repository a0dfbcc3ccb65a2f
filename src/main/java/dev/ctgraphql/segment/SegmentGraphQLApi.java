package dev.ctgraphql.segment;

import java.util.LinkedHashSet;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import io.smallrye.graphql.api.Nullable;
import io.smallrye.mutiny.Uni;

import dev.ctgraphql.upstream.CleverTapBadInputException;

/**
 * CleverTap's API segments. The audience builder itself needs no API of its own: an EventQuery with filters and
 * {@code profileCount} give its live reach estimate. CleverTap has no API to list or read dashboard segments.
 */
@GraphQLApi
public class SegmentGraphQLApi {

    /** Most members one mutation may add and remove together. */
    static final int MAX_MEMBERS = 10_000;

    private final SegmentClient client;

    SegmentGraphQLApi(SegmentClient client) {
        this.client = client;
    }

    @Mutation
    @Description("Creates a CleverTap API segment (a private-beta CleverTap feature on Advanced plans).")
    public Uni<Segment> createSegment(
            @NonNull @Name("name") @Description("Segment name.") String name,
            @NonNull @Id @Name("customerSegmentId") @Description("Your id for the segment, used to change its members.") String customerSegmentId) {
        return client.create(text("name", name), text("customerSegmentId", customerSegmentId));
    }

    @Mutation
    @Description("Adds users to and removes users from an API segment by identity. CleverTap creates users it does not "
            + "know, and records a \"Segment Membership Change\" event (billable) on each user whose membership changed.")
    public Uni<SegmentUpdateResult> updateSegmentMembers(
            @NonNull @Id @Name("customerSegmentId") @Description("Your id for the segment.") String customerSegmentId,
            @Nullable @Name("add") @Description("Identities to add.") List<@NonNull String> add,
            @Nullable @Name("remove") @Description("Identities to remove.") List<@NonNull String> remove) {
        String segment = text("customerSegmentId", customerSegmentId);
        List<String> adding = identities("add", add);
        List<String> removing = identities("remove", remove);
        CleverTapBadInputException.check(!adding.isEmpty() || !removing.isEmpty(), "add, remove", "give at least one identity");
        CleverTapBadInputException.check(adding.size() + removing.size() <= MAX_MEMBERS, "add, remove",
                "name at most " + MAX_MEMBERS + " identities per mutation");
        CleverTapBadInputException.check(adding.stream().noneMatch(removing::contains), "add, remove",
                "an identity cannot be both added and removed");
        return client.update(segment, adding, removing);
    }

    private static String text(String field, String value) {
        CleverTapBadInputException.check(value != null && !value.isBlank() && value.length() <= 200, field,
                "must be 1 to 200 characters");
        return value.trim();
    }

    private static List<String> identities(String field, List<String> values) {
        if (values == null) {
            return List.of();
        }
        for (int i = 0; i < values.size(); i++) {
            text(field + "[" + i + "]", values.get(i));
        }
        return List.copyOf(new LinkedHashSet<>(values.stream().map(String::trim).toList()));
    }
}
