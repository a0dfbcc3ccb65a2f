package dev.ctgraphql.upstream;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * Typed configuration of the CleverTap account this service fronts, and of the embedded sandbox.
 */
@ConfigMapping(prefix = "clevertap")
public interface CleverTapConfig {

    /** Project (account) id, sent as {@code X-CleverTap-Account-Id}. Env: {@code CLEVERTAP_ACCOUNT_ID}. */
    Optional<String> accountId();

    /** Account or user passcode, sent as {@code X-CleverTap-Passcode}. Env: {@code CLEVERTAP_PASSCODE}. Never logged. */
    Optional<String> passcode();

    /**
     * Token sent as {@code X-CleverTap-Token} with bulk and multi-campaign External Trigger sends
     * ({@code /2/send/externaltrigger.json}). Env: {@code CLEVERTAP_EXTERNAL_TRIGGER_TOKEN}. Never logged.
     */
    Optional<String> externalTriggerToken();

    /** Data-centre region of the account: eu, in1, sg1, us1, aps3 or mec1. */
    @WithDefault("eu")
    Region region();

    /** Explicit API base URL; overrides {@link #region()} (for a proxy or a test stub). */
    Optional<String> baseUrl();

    /** Time zone of the CleverTap project: days in date ranges and event timestamps are read in it. */
    @WithDefault("UTC")
    ZoneId timeZone();

    /** HTTP timeouts towards CleverTap. */
    Timeouts timeouts();

    /** Asynchronous counts (the {@code req_id} protocol). */
    Counts counts();

    /** Cursor paging of event and profile exports. */
    Cursors cursors();

    /** Concurrency limits CleverTap enforces per account, enforced here first so our own load never earns a 429. */
    Limits limits();

    /** Retries of calls that are safe to repeat (reads) after a 429, a 5xx or a broken connection. */
    Retry retry();

    /** Uploads of events, profiles and device tokens. */
    UploadPolicy uploads();

    /** Read caches, by name; see the README for what each holds. */
    @WithName("cache")
    Map<String, CacheSpec> caches();

    /** The optional shared cache tier (Redis) behind the local caches, shared by replicas and function instances. */
    SharedCache sharedCache();

    /** Answers past their freshness, and failing fast while CleverTap is down. */
    Resilience resilience();

    /** The embedded CleverTap stand-in. */
    Sandbox sandbox();

    /** CleverTap data-centre regions and their API hosts. */
    enum Region {
        eu("https://api.clevertap.com"), in1("https://in1.api.clevertap.com"), sg1("https://sg1.api.clevertap.com"), us1(
                "https://us1.api.clevertap.com"), aps3(
                        "https://aps3.api.clevertap.com"), mec1("https://mec1.api.clevertap.com");

        private final String baseUrl;

        Region(String baseUrl) {
            this.baseUrl = baseUrl;
        }

        public String baseUrl() {
            return baseUrl;
        }
    }

    interface Timeouts {
        /** TCP connect timeout. */
        @WithDefault("2s")
        Duration connect();

        /** Time allowed for one whole response. */
        @WithDefault("15s")
        Duration read();
    }

    interface Counts {
        /** How long a count query waits (polling) before answering PENDING with its request id. */
        @WithDefault("8s")
        Duration deadline();

        /** First pause between polls; doubles up to {@link #maxPollInterval()}. */
        @WithDefault("250ms")
        Duration pollInterval();

        /** Longest pause between polls. */
        @WithDefault("2s")
        Duration maxPollInterval();
    }

    interface Cursors {
        /** How many times a cursor answered "still in progress" is retried before giving up. */
        @WithDefault("6")
        int inProgressRetries();

        /** Pause before retrying a cursor that is still in progress. */
        @WithDefault("500ms")
        Duration inProgressDelay();
    }

    interface Limits {
        /** Concurrent upload requests per account (CleverTap allows 15). */
        @WithDefault("15")
        int uploadConcurrency();

        /** Concurrent requests per account to every other API (CleverTap allows 3). */
        @WithDefault("3")
        int otherConcurrency();

        /**
         * Most upload requests (chunks, each holding its body) waiting for a permit in this process; one more fails at
         * once with UPSTREAM_RATE_LIMITED. 100 holds two uploads of the largest size at once.
         */
        @WithDefault("100")
        int uploadQueue();

        /** Most other requests waiting for a permit in this process; one more fails at once with UPSTREAM_RATE_LIMITED. */
        @WithDefault("1000")
        int otherQueue();

        /** The limits kept by every replica together, through the shared Redis. */
        Shared shared();
    }

    interface Shared {
        /**
         * Keep {@link Limits} for the whole account, across every replica and function instance, in the Redis of
         * {@code clevertap.shared-cache.redis-url} when one is configured; false: each process keeps them on its own.
         */
        @WithDefault("true")
        boolean enabled();

        /** How long a permit stays taken after its holder stops renewing it (a replica that died gives it back then). */
        @WithDefault("5s")
        Duration leaseTtl();

        /** How often a replica with waiting requests asks again, besides being told when a permit is freed. */
        @WithDefault("200ms")
        Duration pollInterval();

        /**
         * Longest wait for one limiter command; past it the replica falls back to its local share. Generous: a replica
         * whose event loop is busy for a moment (a cold start, a large upload being read) is not Redis being down.
         */
        @WithDefault("5s")
        Duration timeout();

        /** While falling back, how often Redis is tried again. */
        @WithDefault("1s")
        Duration retryAfter();

        /**
         * Concurrent upload requests this replica allows itself while Redis is unreachable (at most its part of
         * {@link Limits#uploadConcurrency()} among the replicas it last saw).
         */
        @WithDefault("3")
        int fallbackUploadConcurrency();

        /**
         * Concurrent requests to every other API this replica allows itself while Redis is unreachable (at most its part
         * of {@link Limits#otherConcurrency()} among the replicas it last saw).
         */
        @WithDefault("1")
        int fallbackOtherConcurrency();
    }

    interface Retry {
        /** Attempts after the first one. */
        @WithDefault("3")
        int maxRetries();

        /** First backoff; doubles each attempt, with jitter. */
        @WithDefault("200ms")
        Duration initialBackoff();

        /** Longest backoff. */
        @WithDefault("3s")
        Duration maxBackoff();
    }

    interface UploadPolicy {
        /** Most records one mutation may carry (they are sent to CleverTap in chunks). */
        @WithDefault("50000")
        int maxRecords();

        /** Retries of a chunk that CleverTap refused without storing it (429, 503, no connection). */
        @WithDefault("8")
        int maxRetries();
    }

    interface CacheSpec {
        /** Time to live of an entry whose data no longer changes (a finished day, a completed campaign). */
        Duration ttl();

        /** Time to live of an entry whose data may still change (today's counts, a running campaign); default: ttl. */
        Optional<Duration> liveTtl();

        /** Maximum number of entries. */
        @WithDefault("10000")
        long maximumSize();

        /**
         * Approximate memory the cache may hold, estimated from the size of CleverTap's answers; the cache is bounded by
         * this and by {@link #maximumSize()}, whichever is reached first.
         */
        @WithDefault("32M")
        MemorySize maximumBytes();

        /**
         * How long past its freshness an entry is still answered at once while one background call refreshes it
         * (stale-while-revalidate); default: the entry's own time to live.
         */
        Optional<Duration> staleWhileRevalidate();

        /**
         * How long past its freshness an entry may still be answered, with a warning, when CleverTap fails
         * (stale-if-error); default: {@code clevertap.resilience.stale-if-error}.
         */
        Optional<Duration> staleIfError();
    }

    interface Resilience {
        /** Default longest time past its freshness that an entry may be answered when CleverTap fails. */
        @WithDefault("10m")
        Duration staleIfError();

        /**
         * Fraction by which entries' freshness is shortened, differently for each key (0.1: by 0 to 10%), so that
         * entries written together do not expire together.
         */
        @WithDefault("0.1")
        double ttlJitter();

        /** The circuit breaker in front of CleverTap. */
        Circuit circuit();
    }

    interface Circuit {
        /** Consecutive failed attempts (no answer, timeouts, 5xx) that open the circuit; 4xx and 429 do not count. */
        @WithDefault("10")
        int failureThreshold();

        /** How long an open circuit refuses calls before one probe call is let through. */
        @WithDefault("5s")
        Duration openFor();
    }

    interface SharedCache {
        /**
         * Redis address, e.g. {@code redis://127.0.0.1:6379} or {@code rediss://:password@host:6380/0}; read at run time.
         * Absent: no shared tier, nothing about Redis is created or contacted. Env:
         * {@code CLEVERTAP_SHARED_CACHE_REDIS_URL}. Never logged (it may hold a password).
         */
        Optional<String> redisUrl();

        /** Prefix of every Redis key and channel this service uses, so that several deployments can share one Redis. */
        @WithDefault("ctg:")
        String keyPrefix();

        /** Longest wait for one Redis command (and for a connection); past it the read goes to CleverTap instead. */
        @WithDefault("500ms")
        Duration timeout();

        /** After a Redis failure, how long the shared tier is skipped (reads go straight to CleverTap) before it is tried again. */
        @WithDefault("5s")
        Duration retryAfter();

        /**
         * While invalidations from other replicas may be missed (the subscription to them is lost, and for two
         * {@code retry-after} after it is back, while their writes made during the outage are replayed), local entries
         * are answered only this long after they were stored, then loaded again.
         */
        @WithDefault("5s")
        Duration outageTtl();
    }

    interface Sandbox {
        /** Serve the embedded CleverTap stand-in under {@code /sandbox} and point the REST clients at it. */
        @WithDefault("false")
        boolean enabled();

        /** Account id the sandbox accepts (used when {@code clevertap.account-id} is not set). */
        @WithDefault("SANDBOX-RK4-ZZ5-W66Z")
        String accountId();

        /** Passcode the sandbox accepts (used when {@code clevertap.passcode} is not set). */
        @WithDefault("sandbox-passcode")
        String passcode();

        /** The sandbox's External Trigger token, used when none is configured. */
        @WithDefault("sandbox-trigger-token")
        String externalTriggerToken();

        /** Latency added to every sandbox answer, e.g. 50ms. */
        @WithDefault("0ms")
        Duration latency();

        /** Fraction (0..1) of sandbox requests answered 429 or 503, to exercise resilience. */
        @WithDefault("0")
        double faultRate();

        /**
         * Fraction (0..1) of sandbox uploads that are stored and then answered HTTP 500, as a CleverTap that fails after
         * acting would: the client cannot know they were stored.
         */
        @WithDefault("0")
        double storedThenFailRate();

        /** Seed of the generated data; the same seed gives the same profiles, events and campaigns. */
        @WithDefault("42")
        long seed();

        /** Number of seeded profiles. */
        @WithDefault("1200")
        int profiles();

        /** Number of seeded events, spread over {@link #days()} days. */
        @WithDefault("24000")
        int events();

        /** Days of seeded history, ending today in the project time zone. */
        @WithDefault("75")
        int days();

        /**
         * Whether daily message reports carry a date on each day (objects with {@code date}) instead of the form the
         * reference records for CleverTap: date-less arrays, one per day of the requested range.
         */
        @WithDefault("false")
        boolean messageReportDates();

        /** How many polls of a count answer "partial" before the result is ready. */
        @WithDefault("1")
        int countPolls();

        /** How many first reads of a new export cursor answer "still in progress". */
        @WithDefault("1")
        int cursorWarmups();
    }
}
