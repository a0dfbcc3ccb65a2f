package dev.ctgraphql.count;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

/** Names one property to group by. */
@Input("PropertyRef")
@Description("A property to group by: its family and its name.")
public record PropertyRef(
        @NonNull @Description("Property family.") PropertyKind kind,
        @NonNull @Description("Property name, e.g. \"Payment mode\".") String name) {
}
