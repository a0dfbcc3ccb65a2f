package dev.ctgraphql.profile;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Enum;

/** CleverTap's gender values. */
@Enum("Gender")
@Description("Gender as CleverTap stores it (M or F).")
public enum Gender {
    @Description("Male (CleverTap's M).")
    MALE("M"), @Description("Female (CleverTap's F).")
    FEMALE("F");

    private final String wire;

    Gender(String wire) {
        this.wire = wire;
    }

    String wire() {
        return wire;
    }
}
