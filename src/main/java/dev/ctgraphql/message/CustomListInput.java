package dev.ctgraphql.message;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

import io.smallrye.graphql.api.Nullable;

/** A custom list (a segment of named users) to create or replace. */
@Input("CustomListInput")
@Description("A custom list: a segment of users named by identity and/or CleverTap id.")
public record CustomListInput(
        @NonNull @Description("List (segment) name.") String name,
        @Nullable @Description("Identities of the members.") List<@NonNull String> identities,
        @Nullable @Description("CleverTap ids of the members.") List<@NonNull String> objectIds,
        @NonNull @Description("Email address CleverTap sends the result to, also named as the list's creator.") String email,
        @Description("Replace the members of an existing list of this name instead of adding to it.") Boolean replace) {
}
