package dev.ctgraphql.catalog;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** One property of an event or a profile, as CleverTap's schema lists it. */
@Type("PropertyDefinition")
@Description("A property CleverTap knows: its name and, when CleverTap says, its data type.")
public record PropertyDefinition(
        @NonNull @Description("Property name, e.g. \"Amount\" or \"Customer Type\".") String name,
        @Description("Data type as CleverTap names it (e.g. string, number, boolean, date, list); null when not given.") String type) {
}
