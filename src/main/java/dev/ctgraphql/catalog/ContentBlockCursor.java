package dev.ctgraphql.catalog;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import dev.ctgraphql.upstream.CleverTapBadInputException;

/** This service's cursor over CleverTap's numbered content block pages: the next page's number and size. */
record ContentBlockCursor(int pageNumber, int pageSize) {

    private static final String PREFIX = "cb:";

    static String encode(int pageNumber, int pageSize) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((PREFIX + pageNumber + ":" + pageSize).getBytes(StandardCharsets.UTF_8));
    }

    /** Reads a cursor made by {@link #encode}; a bad input error naming {@code after} for anything else. */
    static ContentBlockCursor decode(String after) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(after), StandardCharsets.UTF_8);
            if (text.startsWith(PREFIX)) {
                String[] parts = text.substring(PREFIX.length()).split(":");
                if (parts.length == 2) {
                    int number = Integer.parseInt(parts[0]);
                    int size = Integer.parseInt(parts[1]);
                    if (number >= 1 && size >= 1 && size <= CatalogGraphQLApi.MAX_BLOCKS_PAGE) {
                        return new ContentBlockCursor(number, size);
                    }
                }
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new CleverTapBadInputException("after: is not a cursor returned by contentBlocks");
    }
}
