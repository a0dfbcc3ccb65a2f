package dev.ctgraphql.campaign;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import dev.ctgraphql.upstream.CacheKey;
import dev.ctgraphql.upstream.CleverTapDates;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/** A report's and a list window's cache keys, written directly, are the keys {@link CacheKey} gives their request bodies. */
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

    @Test
    void aWindowsKeyIsTheGenericOne() {
        LocalDate from = LocalDate.of(2026, 1, 5);
        LocalDate to = LocalDate.of(2026, 2, 4);
        String generic = CacheKey.of(CampaignClient.LIST).with("body", JsonNodeFactory.instance.objectNode()
                .put("from", CleverTapDates.toDay(from)).put("to", CleverTapDates.toDay(to))).text();

        assertThat(CampaignClient.windowKey(from, to), equalTo(generic));
        assertThat(CampaignClient.windowKey(from, to), not(equalTo(CampaignClient.windowKey(from, to.minusDays(1)))));
    }
}
