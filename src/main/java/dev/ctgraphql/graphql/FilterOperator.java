package dev.ctgraphql.graphql;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Enum;

/** CleverTap Query Language comparison operators. */
@Enum("FilterOperator")
@Description("How a property is compared: string operators (EQUALS, NOT_EQUALS, CONTAINS, DOES_NOT_CONTAIN, EXISTS, "
        + "DOES_NOT_EXIST) and number operators (EQUALS, GREATER_THAN, GREATER_THAN_EQUALS, LESS_THAN, LESS_THAN_EQUALS).")
public enum FilterOperator {
    @Description("Equal to the value (or to one of a list).")
    EQUALS("equals", true), @Description("Not equal to the value.")
    NOT_EQUALS("not_equals", true), @Description("The string contains the value.")
    CONTAINS("contains", true), @Description("The string does not contain the value.")
    DOES_NOT_CONTAIN("does_not_contain", true), @Description("The property is set (no value).")
    EXISTS("exists", false), @Description("The property is not set (no value).")
    DOES_NOT_EXIST("does_not_exist", false), @Description("Number greater than the value.")
    GREATER_THAN("greater_than", true), @Description("Number greater than or equal to the value.")
    GREATER_THAN_EQUALS("greater_than_equals", true), @Description("Number less than the value.")
    LESS_THAN("less_than", true), @Description("Number less than or equal to the value.")
    LESS_THAN_EQUALS("less_than_equals", true);

    private final String wire;
    private final boolean needsValue;

    FilterOperator(String wire, boolean needsValue) {
        this.wire = wire;
        this.needsValue = needsValue;
    }

    /** CleverTap's spelling. */
    public String wire() {
        return wire;
    }

    /** Whether the operator compares against a value. */
    public boolean needsValue() {
        return needsValue;
    }

    /** Whether the operator compares numbers only. */
    public boolean numeric() {
        return this == GREATER_THAN || this == GREATER_THAN_EQUALS || this == LESS_THAN || this == LESS_THAN_EQUALS;
    }
}
