package dev.ctgraphql.campaign;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;

/** Campaign lists are asked for in fixed windows, so that equal lookups share cache entries. */
class CampaignWindowsTest {

    @Test
    void everyDayOfAWindowHasTheSameStartAndTheNextDayAfterItStartsTheNextWindow() {
        LocalDate start = CampaignClient.windowStart(LocalDate.parse("2024-03-05"));
        for (int i = 0; i < CampaignClient.WINDOW_DAYS; i++) {
            assertThat(CampaignClient.windowStart(start.plusDays(i)), equalTo(start));
        }
        LocalDate next = start.plusDays(CampaignClient.WINDOW_DAYS);
        assertThat(CampaignClient.windowStart(next), equalTo(next));
        assertThat(CampaignClient.windowStart(start.minusDays(1)), equalTo(start.minusDays(CampaignClient.WINDOW_DAYS)));
    }

    @Test
    void windowsAreCountedFromTheEpochDayNotFromTheMonth() {
        assertThat(CampaignClient.windowStart(LocalDate.EPOCH), equalTo(LocalDate.EPOCH));
        assertThat(CampaignClient.windowStart(LocalDate.parse("1970-02-01")), equalTo(LocalDate.parse("1970-02-01")));
        assertThat(CampaignClient.windowStart(LocalDate.parse("1970-01-31")), equalTo(LocalDate.EPOCH));
        LocalDate start = CampaignClient.windowStart(LocalDate.parse("2024-03-01"));
        assertThat(start.getDayOfMonth(), not(equalTo(1)));
        assertThat(start.toEpochDay() % CampaignClient.WINDOW_DAYS, equalTo(0L));
        assertThat(LocalDate.parse("2024-03-01").toEpochDay() - start.toEpochDay(),
                lessThan((long) CampaignClient.WINDOW_DAYS));
    }
}
