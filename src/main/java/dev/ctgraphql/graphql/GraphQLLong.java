package dev.ctgraphql.graphql;

import java.math.BigInteger;

import org.eclipse.microprofile.graphql.Description;

import io.smallrye.graphql.api.CustomIntScalar;
import io.smallrye.graphql.api.CustomScalar;

/** The schema's {@code Long} scalar: a 64-bit whole number (counts, sent/viewed/clicked totals). */
@CustomScalar("Long")
@Description("A whole number of up to 64 bits (counts and totals that can outgrow Int).")
public final class GraphQLLong implements CustomIntScalar {

    private final long value;

    public GraphQLLong(BigInteger value) {
        this.value = value.longValueExact();
    }

    private GraphQLLong(long value) {
        this.value = value;
    }

    /** Null stays null: CleverTap often omits a number it does not have. */
    public static GraphQLLong of(Long value) {
        return value == null ? null : new GraphQLLong(value.longValue());
    }

    public static GraphQLLong of(long value) {
        return new GraphQLLong(value);
    }

    public long longValue() {
        return value;
    }

    @Override
    public BigInteger intValueForSerialization() {
        return BigInteger.valueOf(value);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof GraphQLLong that && that.value == value;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
