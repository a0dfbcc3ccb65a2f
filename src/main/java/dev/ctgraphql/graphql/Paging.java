package dev.ctgraphql.graphql;

import dev.ctgraphql.upstream.CleverTapBadInputException;

/** Checks of connection arguments shared by every paged query. */
public final class Paging {

    /** CleverTap's largest export batch. */
    public static final int MAX_FIRST = 5000;
    /** Page size when {@code first} is not given. */
    public static final int DEFAULT_FIRST = 100;

    private Paging() {
    }

    /** The batch size for {@code first}: default when null, else 1..5000. */
    public static int batchSize(Integer first) {
        if (first == null) {
            return DEFAULT_FIRST;
        }
        CleverTapBadInputException.check(first >= 1 && first <= MAX_FIRST, "first", "must be between 1 and " + MAX_FIRST);
        return first;
    }

    /** The cursor for {@code after}: null when absent; never decoded or re-encoded. */
    public static String cursor(String after) {
        if (after == null) {
            return null;
        }
        CleverTapBadInputException.check(
                !after.isBlank() && after.length() <= 4096 && after.chars().noneMatch(Character::isWhitespace),
                "after", "is not a cursor returned by this API");
        return after;
    }
}
