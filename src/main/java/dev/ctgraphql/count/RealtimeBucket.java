package dev.ctgraphql.count;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import dev.ctgraphql.graphql.GraphQLLong;

/** Active users sharing one value of a dimension. */
@Type("RealtimeBucket")
@Description("Users active in the last 5 minutes with one value of a dimension.")
public record RealtimeBucket(
        @NonNull @Description("The dimension.") RealtimeDimension dimension,
        @NonNull @Description("Its value, e.g. \"Android\".") String value,
        @NonNull @Description("Active users with that value.") GraphQLLong count) {
}
