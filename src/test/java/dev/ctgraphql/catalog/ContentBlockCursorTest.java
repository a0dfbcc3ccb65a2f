package dev.ctgraphql.catalog;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import dev.ctgraphql.upstream.CleverTapBadInputException;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The contentBlocks cursor: what encode makes, decode reads back; anything else is a bad input naming after. */
class ContentBlockCursorTest {

    private static String base64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aCursorItMadeIsReadBack() {
        String cursor = ContentBlockCursor.encode(3, 25);

        assertThat(ContentBlockCursor.decode(cursor), equalTo(new ContentBlockCursor(3, 25)));
        assertThat(cursor.matches("[A-Za-z0-9_-]+"), equalTo(true));
    }

    @Test
    void anythingElseIsRefused() {
        for (String bad : new String[]{"", "not base64!", base64("cb:3"), base64("cb:0:10"), base64("cb:1:0"),
                base64("cb:1:" + (CatalogGraphQLApi.MAX_BLOCKS_PAGE + 1)), base64("xx:1:10"), base64("cb:a:10"),
                base64("cb:1:10:4")}) {
            CleverTapBadInputException e = assertThrows(CleverTapBadInputException.class, () -> ContentBlockCursor.decode(bad),
                    bad);
            assertThat(e.getMessage(), equalTo("after: is not a cursor returned by contentBlocks"));
        }
    }
}
