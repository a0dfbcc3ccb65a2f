package dev.ctgraphql.catalog;

import jakarta.json.JsonValue;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Type;

/** A subscription group (category group) users can opt into or out of. */
@Type("SubscriptionGroup")
@Description("A subscription group: a category of messages (e.g. newsletters) users can opt into or out of.")
public record SubscriptionGroup(
        @Id @Description("CleverTap's id of the group, when given.") String id,
        @Description("Group name.") String name,
        @Description("Description, when given.") String description,
        @Description("CleverTap's whole entry, for fields not mapped above.") JsonValue raw) {
}
