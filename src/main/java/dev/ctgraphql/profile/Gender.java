package dev.ctgraphql.profile;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Enum;

/** CleverTap's gender values. */
@Enum("Gender")
@Description("Gender as CleverTap stores it (M or F).")
public enum Gender {
    MALE("M"), FEMALE("F");

    private final String wire;

    Gender(String wire) {
        this.wire = wire;
    }

    String wire() {
        return wire;
    }
}
