package dev.ctgraphql.catalog;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** One event of the account's schema, with its properties. */
@Type("EventDefinition")
@Description("An event CleverTap knows for the account (system or custom), with its properties.")
public record EventDefinition(
        @NonNull @Description("Event name, e.g. \"Charged\".") String name,
        @NonNull @Description("The event's properties, by name.") List<@NonNull PropertyDefinition> properties) {
}
