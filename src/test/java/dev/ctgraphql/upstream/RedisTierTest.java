package dev.ctgraphql.upstream;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** What the shared tier writes into log lines and key patterns. */
class RedisTierTest {

    @Test
    void aLoggedMessageNeverShowsTheRedisPassword() {
        String url = "rediss://cache-user:s3cr%2Et@redis.internal:6380/0";
        assertThat(RedisTier.redact("failed for " + url, url), equalTo("failed for <clevertap.shared-cache.redis-url>"));
        assertThat(RedisTier.redact("failed for rediss://cache-user:s3cr%2Et@redis.internal", url),
                equalTo("failed for rediss://***@redis.internal"));
        assertThat(RedisTier.redact("Invalid address: not a url:pw@", "not a url:pw@"),
                equalTo("Invalid address: <clevertap.shared-cache.redis-url>"));
        assertThat(RedisTier.redact("AUTH s3cr.t refused", url), equalTo("AUTH *** refused"));
        assertThat(RedisTier.redact("NOAUTH for p@ss", "redis://p%40ss@redis.internal"), equalTo("NOAUTH for ***"));
        assertThat(RedisTier.redact("Connection refused: redis.internal/10.0.0.7:6380", "redis://redis.internal:6380"),
                equalTo("Connection refused: redis.internal/10.0.0.7:6380"));
    }

    @Test
    void keyPatternsMatchCacheNamesLiterally() {
        assertThat(RedisTier.glob("ctg:v1:ACC*1:counts:"), equalTo("ctg:v1:ACC\\*1:counts:"));
        assertThat(RedisTier.glob("a?b[c]d\\"), equalTo("a\\?b\\[c\\]d\\\\"));
    }
}
