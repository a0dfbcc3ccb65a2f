package dev.ctgraphql.upstream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

/**
 * The TTL policy of the caches without a running service, on the configuration of {@code application.properties}: settled
 * or live TTL by the last day a query covers, the cap, and the jitter that keeps entries from expiring together.
 */
class CacheTtlsTest {

    private static final CacheTtls TTLS = new CacheTtls(config());

    /** Quarkus's own converters for its duration and memory size forms ({@code 1m}, {@code 64M}), as the running service reads them. */
    private static CleverTapConfig config() {
        try {
            SmallRyeConfig config = new SmallRyeConfigBuilder().withProfile("test").addDefaultInterceptors()
                    .withSources(new PropertiesConfigSource(CacheTtlsTest.class.getResource("/application.properties"), 250))
                    .withConverter(Duration.class, 200, new DurationConverter())
                    .withConverter(MemorySize.class, 200, new MemorySizeConverter()).withMapping(CleverTapConfig.class).build();
            return config.getConfigMapping(CleverTapConfig.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void dataUpToTheDayBeforeYesterdayIsSettledAndLaterDataLive() {
        LocalDate today = LocalDate.now(config().timeZone());

        assertThat(TTLS.ttlUntil("counts", today.minusDays(2)), equalTo(Duration.ofHours(1)));
        assertThat(TTLS.ttlUntil("counts", today.minusDays(1)), equalTo(Duration.ofMinutes(1)));
        assertThat(TTLS.ttlUntil("counts", today), equalTo(Duration.ofMinutes(1)));
        assertThat(TTLS.ttlUntil("realtime", today), equalTo(Duration.ofSeconds(5)));
    }

    @Test
    void aValueNeverLivesLongerThanItsCacheAllowsAndANegativeOrMissingTtlIsNotKept() {
        assertThat(CacheTtls.capped(Duration.ofMinutes(5), Duration.ofHours(1)), equalTo(Duration.ofMinutes(5)));
        assertThat(CacheTtls.capped(Duration.ofMinutes(5), Duration.ofMinutes(1)), equalTo(Duration.ofMinutes(1)));
        assertThat(CacheTtls.capped(Duration.ofMinutes(5), Duration.ofSeconds(-1)), equalTo(Duration.ZERO));
        assertThat(CacheTtls.capped(Duration.ofMinutes(5), null), equalTo(Duration.ZERO));
    }

    @Test
    void freshnessIsShortenedByUpToTheJitterDifferentlyPerKey() {
        Duration ttl = Duration.ofMinutes(1);
        Set<Long> seconds = new HashSet<>();
        long shortest = Long.MAX_VALUE;
        long longest = 0;
        for (int i = 0; i < 200; i++) {
            String key = "POST /1/counts/events.json {\"event_name\":\"e" + i + "\"}";
            Duration jittered = TTLS.jittered(key, ttl);
            assertThat("the same for the same key, on every replica", TTLS.jittered(key, ttl), equalTo(jittered));
            assertThat(jittered, lessThanOrEqualTo(ttl));
            assertThat(jittered, greaterThanOrEqualTo(Duration.ofSeconds(54)));
            seconds.add(jittered.toSeconds());
            shortest = Math.min(shortest, jittered.toMillis());
            longest = Math.max(longest, jittered.toMillis());
        }
        assertThat("keys that differ in one character do not expire together", seconds.size(), greaterThan(4));
        assertThat(longest - shortest, greaterThan(Duration.ofSeconds(4).toMillis()));
        assertThat(TTLS.jittered("any", Duration.ZERO), equalTo(Duration.ZERO));
    }
}
