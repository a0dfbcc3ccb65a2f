package dev.ctgraphql.graphql;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** Node ids: base64url of type and key, except that a campaign's id is its CleverTap number. */
class GlobalIdsTest {

    @Test
    void anEncodedIdDecodesToItsTypeAndKeyEvenWhenTheKeyHasColons() {
        String id = GlobalIds.encode("Profile", "i:user:42");

        assertThat(id.matches("[A-Za-z0-9_-]+"), equalTo(true));
        assertThat(GlobalIds.decode(id), equalTo(new GlobalIds.Decoded("Profile", "i:user:42")));
    }

    @Test
    void digitsAreACampaignUpTo18OfThem() {
        assertThat(GlobalIds.decode("1700000000123456"), equalTo(new GlobalIds.Decoded("Campaign", "1700000000123456")));
        assertThat(GlobalIds.decode("1234567890123456789"), nullValue());
    }

    @Test
    void whatThisServiceNeverMadeDecodesToNull() {
        assertThat(GlobalIds.decode(null), nullValue());
        assertThat(GlobalIds.decode(""), nullValue());
        assertThat(GlobalIds.decode("not base64!"), nullValue());
        assertThat(GlobalIds.decode(Base64.getUrlEncoder().encodeToString("no colon".getBytes(StandardCharsets.UTF_8))),
                nullValue());
        assertThat(GlobalIds.decode(Base64.getUrlEncoder().encodeToString(":key".getBytes(StandardCharsets.UTF_8))),
                nullValue());
        assertThat(GlobalIds.decode("A".repeat(4097)), nullValue());
    }
}
