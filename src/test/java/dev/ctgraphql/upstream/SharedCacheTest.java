package dev.ctgraphql.upstream;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisAPI;
import io.vertx.mutiny.redis.client.Response;

import dev.ctgraphql.Concurrently;
import dev.ctgraphql.GraphQLClient;
import dev.ctgraphql.sandbox.SandboxStats;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.anEmptyMap;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasLength;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/**
 * The shared cache tier on a real redis-server: what is cached is in Redis as JSON with a TTL, a second replica (this
 * one with its local tier dropped) answers from Redis without calling CleverTap, and writes drop Redis entries too.
 */
@QuarkusTest
@TestProfile(SharedCacheProfile.class)
class SharedCacheTest {

    static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    @Inject
    ResponseCache cache;

    @Inject
    RedisTier tier;

    @Inject
    SandboxStats sandbox;

    @Inject
    CleverTapCredentials credentials;

    @Inject
    ObjectMapper mapper;

    @Inject
    Vertx vertx;

    @ConfigProperty(name = "clevertap.shared-cache.redis-url")
    String url;

    /** A plain client of the same Redis, as another replica or an operator would see it. */
    static Redis client;
    static RedisAPI redis;

    @BeforeEach
    void emptyBothTiers() throws InterruptedException {
        // InvalidationOutageTest shares this app and stops Redis: start once the tier hears invalidations again
        long reliableBy = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!tier.invalidationsReliable() && System.nanoTime() < reliableBy) {
            Thread.sleep(20);
        }
        assertThat("invalidations heard again", tier.invalidationsReliable(), equalTo(true));
        cache.clear().await().atMost(Duration.ofSeconds(5));
        sandbox.reset();
        if (client == null) {
            client = Redis.createClient(vertx, url);
            redis = RedisAPI.api(client);
        }
    }

    @AfterAll
    static void closeClient() {
        if (client != null) {
            client.close();
            client = null;
        }
    }

    @Test
    void answersAreKeptInRedisAsJsonWithATimeToLive() throws Exception {
        Map<String, Object> charged = query("Charged", TODAY.minusDays(20), TODAY.minusDays(10));
        long count = GraphQLClient.run("eventCount", "query", charged).getLong("data.eventCount.value");
        String identity = "nobody-" + UUID.randomUUID();
        assertThat(GraphQLClient.run("profile", "identity", identity).getString("data.profile"), nullValue());

        List<String> counts = keys("counts");
        assertThat(counts, hasSize(1));
        assertThat(counts.get(0), startsWith(base() + "counts:POST /1/counts/events.json body={"));
        // the service's own value, not CleverTap's answer
        assertThat(redis.getAndAwait(counts.get(0)).toString(), equalTo("{\"value\":" + count + "}"));
        long ttl = redis.pttlAndAwait(counts.get(0)).toLong();
        assertThat("settled days: the counts TTL (1h, shortened by up to 10% of jitter)", ttl,
                greaterThan(Duration.ofMinutes(53).toMillis()));
        assertThat(ttl, lessThanOrEqualTo(Duration.ofHours(1).toMillis()));

        String profileKey = base() + "profiles:GET /1/profile.json IDENTITY=" + identity;
        assertThat(keys("profiles"), equalTo(List.of(profileKey)));
        assertThat(redis.getAndAwait(profileKey).toString(), equalTo("{\"notFound\":true}"));
        assertThat(redis.pttlAndAwait(profileKey).toLong(), lessThanOrEqualTo(Duration.ofMinutes(1).toMillis()));

        GraphQLClient.run("top", "query", charged, "property", Map.of("kind", "EVENT_PROPERTY", "name", "Payment mode"),
                "limit", 3);
        assertThat("a long key is kept under its SHA-256", keys("counts"),
                hasItem(allOf(startsWith(base() + "counts:sha256:"),
                        hasLength(base().length() + "counts:sha256:".length() + 64))));
    }

    @Test
    void aSecondReplicaAnswersFromRedisWithoutCallingCleverTap() {
        Map<String, Object> charged = query("Charged", TODAY.minusDays(13), TODAY);
        Map<String, Object> launched = query("App Launched", TODAY.minusDays(2), TODAY);
        Map<String, Object> range = Map.of("from", TODAY.minusDays(60).toString(), "to", TODAY.toString());
        String firstPage = GraphQLClient.run("events", "query", launched, "first", 20)
                .getString("data.events.pageInfo.endCursor");
        String identity = GraphQLClient.run("events", "query", launched, "first", 20)
                .getString("data.events.nodes[0].profile.identity");
        Map<String, Object[]> queries = new LinkedHashMap<>();
        queries.put("eventCount", new Object[]{"query", charged});
        queries.put("profileCount", new Object[]{"query", charged});
        queries.put("trend", new Object[]{"query", charged, "granularity", "DAILY"});
        queries.put("top", new Object[]{"query", charged, "property", Map.of("kind", "EVENT_PROPERTY", "name", "Payment mode"),
                "limit", 3});
        queries.put("campaigns", new Object[]{"range", range});
        queries.put("messageReports", new Object[]{"range", range, "daily", true});
        queries.put("events", new Object[]{"query", launched, "first", 20, "after", firstPage});
        queries.put("profiles", new Object[]{"query", launched, "first", 20});
        queries.put("profile", new Object[]{"identity", identity});

        Map<String, String> first = answers(queries);
        assertThat(sandbox.snapshot().requests(), not(anEmptyMap()));

        cache.clearLocal();
        sandbox.reset();
        Map<String, String> second = answers(queries);

        assertThat("no request reached CleverTap", sandbox.snapshot().requests(), anEmptyMap());
        assertThat(second, equalTo(first));
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics, containsString("clevertap_cache_shared_gets_total{cache=\"counts\",result=\"hit\"}"));
        assertThat(metrics, containsString("clevertap_cache_shared_gets_total{cache=\"counts\",result=\"miss\"}"));
    }

    @Test
    void concurrentColdQueriesMakeOneCallPerReplicaAndNoneOnTheSecond() throws Exception {
        Map<String, Object> query = query("Product Viewed", TODAY.minusDays(30), TODAY.minusDays(3));

        List<Long> values = Concurrently.run(8,
                () -> GraphQLClient.run("eventCount", "query", query).getLong("data.eventCount.value"));
        assertThat(values, everyItem(equalTo(values.get(0))));
        assertThat(sandbox.snapshot().requests("POST /1/counts/events.json"), equalTo(1L));

        cache.clearLocal();
        sandbox.reset();
        List<Long> again = Concurrently.run(8,
                () -> GraphQLClient.run("eventCount", "query", query).getLong("data.eventCount.value"));
        assertThat(again, everyItem(equalTo(values.get(0))));
        assertThat(sandbox.snapshot().requests(), anEmptyMap());
    }

    @Test
    void theLimitsAreKeptForTheWholeAccountThroughRedis() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'clevertap' }.data.limiter", equalTo("shared"));
        assertThat(given().get("/q/metrics").then().statusCode(200).extract().asString(),
                containsString("clevertap_limiter_fallback 0.0"));

        JsonPath counted = GraphQLClient.run("eventCount", "query", query("Charged", TODAY.minusDays(40), TODAY.minusDays(35)));

        assertThat(counted.getString("data.eventCount.status"), equalTo("COMPLETE"));
        List<String> keys = new ArrayList<>();
        redis.keysAndAwait("ctg:limits:v1:*").forEach(key -> keys.add(key.toString()));
        assertThat("the limiter's keys of the account, under its hash", keys,
                hasItem(allOf(startsWith("ctg:limits:v1:{"), endsWith("}:other:sequence"))));
        assertThat(keys, everyItem(not(containsString(credentials.accountId()))));
    }

    @Test
    void nothingWithATimeToLiveOfZeroIsShared() {
        String pending = "test pending " + UUID.randomUUID();
        String settled = "test settled " + UUID.randomUUID();
        JsonNode answer = JsonNodeFactory.instance.objectNode().put("count", 7);

        cache.get("counts", pending, () -> Uni.createFrom().item(answer), json -> json.path("count").asLong(),
                value -> Duration.ZERO)
                .await().atMost(Duration.ofSeconds(5));
        cache.get("counts", settled, () -> Uni.createFrom().item(answer), json -> json.path("count").asLong(),
                value -> Duration.ofMinutes(1)).await().atMost(Duration.ofSeconds(5));

        assertThat(redis.existsAndAwait(List.of(base() + "counts:" + pending)).toInteger(), equalTo(0));
        assertThat(redis.getAndAwait(base() + "counts:" + settled).toString(), equalTo("{\"count\":7}"));
    }

    @Test
    void aLocalCopyOfASharedEntryLivesNoLongerThanTheSharedEntry() throws Exception {
        String key = "test expiry " + UUID.randomUUID();
        AtomicInteger loads = new AtomicInteger();
        Callable<Long> get = () -> cache.get("counts", key,
                () -> Uni.createFrom().item(JsonNodeFactory.instance.objectNode().put("count", loads.incrementAndGet())),
                json -> json.path("count").asLong(), value -> Duration.ofMinutes(10)).await().atMost(Duration.ofSeconds(5));

        assertThat(get.call(), equalTo(1L));
        redis.pexpireAndAwait(List.of(base() + "counts:" + key, "1000"));
        cache.clearLocal();
        assertThat("read from Redis", get.call(), equalTo(1L));
        assertThat("kept locally meanwhile", get.call(), equalTo(1L));
        Thread.sleep(1500);
        assertThat("both copies expired: answered once more while it is loaded again", get.call(), equalTo(1L));
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        long answer = get.call();
        while (answer != 2L && System.nanoTime() < deadline) {
            Thread.sleep(20);
            answer = get.call();
        }
        assertThat("then the new answer", answer, equalTo(2L));
        assertThat(loads.get(), equalTo(2));
    }

    @Test
    void aProfileUploadDropsTheProfileFromRedisSoNoReplicaServesItStale() {
        String identity = "shared-" + UUID.randomUUID();
        assertThat(GraphQLClient.run("profile", "identity", identity).getString("data.profile"), nullValue());
        assertThat(keys("profiles"), hasSize(1));

        JsonPath upload = GraphQLClient.run("uploadProfiles", "profiles",
                List.of(Map.of("identity", identity, "name", "Sam Shared", "email", identity + "@example.com")));
        assertThat(upload.getInt("data.uploadProfiles.accepted"), equalTo(1));

        assertThat("dropped before the mutation answered", keys("profiles"), empty());
        cache.clearLocal();
        assertThat(GraphQLClient.run("profile", "identity", identity).getString("data.profile.name"), equalTo("Sam Shared"));
    }

    @Test
    void deletingProfilesDropsEveryProfileAndExportPageFromRedisButNotTheCounts() {
        Map<String, Object> launched = query("App Launched", TODAY.minusDays(2), TODAY);
        GraphQLClient.run("events", "query", launched, "first", 5);
        GraphQLClient.run("profile", "identity", "nobody-" + UUID.randomUUID());
        GraphQLClient.run("eventCount", "query", launched);
        assertThat(keys("exports"), not(empty()));
        assertThat(keys("profiles"), not(empty()));

        JsonPath deleted = GraphQLClient.run("deleteProfiles", "identities", List.of("nobody-" + UUID.randomUUID()));
        assertThat(deleted.getBoolean("data.deleteProfiles.ok"), equalTo(true));

        assertThat(keys("exports"), empty());
        assertThat(keys("profiles"), empty());
        assertThat(keys("counts"), hasSize(1));
    }

    @Test
    void anotherReplicasInvalidationDropsTheLocalCopy() throws Exception {
        String identity = "nobody-" + UUID.randomUUID();
        GraphQLClient.run("profile", "identity", identity);
        String sharedKey = keys("profiles").get(0);
        assertThat(cache.size("profiles"), equalTo(1L));

        // what another replica does after a write: delete the Redis entry, then publish which local copies to drop
        redis.delAndAwait(List.of(sharedKey));
        String message = mapper.createObjectNode().put("from", "another-replica").put("cache", "profiles")
                .set("keys", mapper.createArrayNode().add(sharedKey.substring((base() + "profiles:").length()))).toString();
        redis.publishAndAwait(base() + "invalidations", message);

        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (cache.size("profiles") > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(cache.size("profiles"), equalTo(0L));
        sandbox.reset();
        GraphQLClient.run("profile", "identity", identity);
        assertThat(sandbox.snapshot().requests("GET /1/profile.json"), equalTo(1L));
    }

    private Map<String, String> answers(Map<String, Object[]> queries) {
        Map<String, String> answers = new LinkedHashMap<>();
        queries.forEach((name, variables) -> {
            String answer = GraphQLClient.post(name, variables).then().statusCode(200).extract().asString();
            assertThat(name, answer, not(containsString("\"errors\"")));
            assertThat(name, JsonPath.from(answer).get("data"), notNullValue());
            answers.put(name, answer);
        });
        return answers;
    }

    private List<String> keys(String cacheName) {
        List<String> keys = new ArrayList<>();
        for (Response key : redis.keysAndAwait(base() + cacheName + ":*")) {
            keys.add(key.toString());
        }
        return keys;
    }

    private String base() {
        return "ctg:v1:" + credentials.accountId() + ":";
    }

    private static Map<String, Object> query(String event, LocalDate from, LocalDate to) {
        return Map.of("eventName", event, "range", Map.of("from", from.toString(), "to", to.toString()));
    }
}
