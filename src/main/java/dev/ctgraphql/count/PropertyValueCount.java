package dev.ctgraphql.count;

import jakarta.json.JsonValue;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import dev.ctgraphql.graphql.GraphQLLong;

/** How often one property value occurred. */
@Type("PropertyValueCount")
@Description("A property value and how many times it occurred.")
public record PropertyValueCount(
        @Description("The value (string or number).") JsonValue value,
        @NonNull @Description("Occurrences.") GraphQLLong count) {
}
