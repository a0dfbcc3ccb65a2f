package dev.ctgraphql.profile;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;

import dev.ctgraphql.graphql.OperationResult;
import dev.ctgraphql.graphql.UploadResult;
import dev.ctgraphql.upstream.CleverTapBadInputException;
import dev.ctgraphql.upstream.UploadChecks;
import dev.ctgraphql.upstream.Uploads;

/**
 * Changes to who a profile is and how it may be reached: demerging, subscription changes by address, disassociating
 * phones. Results are nullable so that a field refused to the caller (or failing) leaves the other fields' results.
 */
@GraphQLApi
public class ProfileChangesGraphQLApi {

    /** Most identities one demergeProfiles may name. */
    static final int MAX_DEMERGE = 10_000;

    private final ProfileClient client;
    private final ProfileGraphQLApi profiles;

    ProfileChangesGraphQLApi(ProfileClient client, ProfileGraphQLApi profiles) {
        this.client = client;
        this.profiles = profiles;
    }

    @Mutation
    @Description("Splits merged profiles apart again, by identity (in calls of 100). CleverTap warns that demerging may "
            + "lose event data. ok is false when CleverTap refused some of them.")
    public Uni<OperationResult> demergeProfiles(
            @NonNull @Name("identities") @Description("Identities of the merged profiles.") List<@NonNull String> identities) {
        CleverTapBadInputException.check(!identities.isEmpty(), "identities", "give at least one identity");
        CleverTapBadInputException.check(identities.size() <= MAX_DEMERGE, "identities",
                "name at most " + MAX_DEMERGE + " identities per mutation");
        Set<String> distinct = new LinkedHashSet<>();
        for (int i = 0; i < identities.size(); i++) {
            String identity = identities.get(i);
            CleverTapBadInputException.check(identity != null && !identity.isBlank() && identity.length() <= 1024,
                    "identities[" + i + "]", "must not be empty");
            distinct.add(identity.trim());
        }
        return client.demerge(List.copyOf(distinct)).map(done -> done[1] == 0
                ? new OperationResult(true, "Demerged " + done[0] + " identit" + (done[0] == 1 ? "y" : "ies"))
                : new OperationResult(false, "CleverTap confirmed " + done[0] + " and refused " + done[1]
                        + " of the identities; the refused ones were not demerged"));
    }

    /** Checks each input (a problem refuses it by index, with CleverTap's code) and turns the fine ones into records. */
    private static <T> Uploads.Split split(String field, List<T> inputs, Function<T, UploadChecks.Problem> problem,
            Function<T, ObjectNode> record) {
        List<Uploads.Item> valid = new ArrayList<>(inputs.size());
        List<Uploads.Rejection> refused = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            UploadChecks.Problem found = problem.apply(inputs.get(i));
            if (found == null) {
                valid.add(new Uploads.Item(i, record.apply(inputs.get(i)).toString().getBytes(StandardCharsets.UTF_8),
                        null, null, null));
            } else {
                refused.add(new Uploads.Rejection(i, found.code(), field + "[" + i + "]." + found.message()));
            }
        }
        return new Uploads.Split(valid, refused);
    }

    @Mutation
    @Description("Unsubscribes or resubscribes email addresses, phone and WhatsApp numbers, for every profile that has "
            + "them (per-user opt-ins are emailOptIn/smsOptIn/... of uploadProfiles), in chunks of 1000. Every change "
            + "not made is listed in rejected by its index; invalid ones are never sent.")
    public Uni<UploadResult> updateSubscriptions(
            @NonNull @Name("changes") @Description("The changes.") List<@NonNull SubscriptionChangeInput> changes) {
        profiles.checkSize("changes", changes.size());
        Uploads.Split split = split("changes", changes, SubscriptionChangeInput::problem,
                SubscriptionChangeInput::toRecord);
        return client.subscribe(split.valid()).map(outcome -> UploadResult.of(split.refused(), outcome));
    }

    @Mutation
    @Description("Takes phone numbers used as identities off their profiles (CleverTap does this only for phones used as "
            + "identity), in chunks of 1000; re-assign a phone afterwards with uploadProfiles. Every phone not "
            + "disassociated is listed in rejected by its index.")
    public Uni<UploadResult> disassociatePhones(
            @NonNull @Name("phones") @Description("Phone numbers with country code, e.g. +14155551234.") List<@NonNull String> phones) {
        profiles.checkSize("phones", phones.size());
        Uploads.Split split = split("phones", phones,
                phone -> phone != null && phone.trim().matches(SubscriptionChangeInput.PHONE)
                        ? null
                        : new UploadChecks.Problem(516, "not a phone number with country code (+ and 6 to 15 digits)"),
                phone -> JsonNodeFactory.instance.objectNode().put("type", "phone")
                        .put("value", phone.trim()));
        return client.disassociate(split.valid()).map(outcome -> UploadResult.of(split.refused(), outcome));
    }
}
