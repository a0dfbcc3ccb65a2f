package dev.ctgraphql.campaign;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import dev.ctgraphql.upstream.CacheKey;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/** A report's cache key, written directly, is the key {@link CacheKey} gives its request body. */
class CampaignReportKeyTest {

    private static String generic(String id) {
        return CacheKey.of(CampaignClient.RESULT)
                .with("body", JsonNodeFactory.instance.objectNode().put("id", Long.parseLong(id))).text();
    }

    @Test
    void theSameKeyAsTheGenericOneForEveryKindOfId() {
        for (String id : new String[]{"0", "7", "1700081107", "017", "999999999999999999"}) {
            assertThat(id, CampaignClient.reportKey(id), equalTo(generic(id)));
        }
        assertThat(CampaignClient.reportKey("1"), not(equalTo(CampaignClient.reportKey("11"))));
    }
}
