package dev.ctgraphql.upstream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisAPI;
import io.vertx.mutiny.redis.client.Response;

import dev.ctgraphql.GraphQLClient;
import dev.ctgraphql.sandbox.SandboxStats;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * Invalidations while the redis-server is stopped and after it is started again (with the entries it held): a replica
 * that cannot hear other replicas' writes answers its local copies only briefly ({@code outage-ttl}), and a write made
 * during the outage is replayed once Redis is back, so that no replica serves the stale Redis entry afterwards.
 */
@QuarkusTest
@TestProfile(SharedCacheProfile.class)
class InvalidationOutageTest {

    static final Duration NOTICED = Duration.ofSeconds(10);

    @Inject
    RedisTier tier;

    @Inject
    ResponseCache cache;

    @Inject
    SandboxStats sandbox;

    @Inject
    CleverTapCredentials credentials;

    @Inject
    Vertx vertx;

    @BeforeEach
    void redisUpAndNothingCached() throws InterruptedException {
        await("redis up", () -> tier.invalidationsReliable());
        cache.clear().await().atMost(Duration.ofSeconds(5));
        sandbox.reset();
    }

    @AfterEach
    void redisUpAgain() {
        RedisServerResource.current().restart();
    }

    @Test
    void withoutInvalidationsALocalCopyIsAnsweredOnlyForTheOutageTtl() throws InterruptedException {
        String identity = "outage-" + UUID.randomUUID();
        GraphQLClient.run("profile", "identity", identity);
        GraphQLClient.run("profile", "identity", identity);
        assertThat("kept locally", sandbox.snapshot().requests("GET /1/profile.json"), equalTo(1L));

        RedisServerResource.current().stop();
        await("the lost subscription noticed", () -> !tier.invalidationsReliable());
        Thread.sleep(1200);
        GraphQLClient.run("profile", "identity", identity);
        assertThat("loaded again past the outage TTL (the profiles TTL is a minute)",
                sandbox.snapshot().requests("GET /1/profile.json"), equalTo(2L));
        GraphQLClient.run("profile", "identity", identity);
        assertThat("the new copy is answered for the outage TTL", sandbox.snapshot().requests("GET /1/profile.json"),
                equalTo(2L));

        RedisServerResource.current().restart();
        await("invalidations trusted again", () -> tier.invalidationsReliable());
        sandbox.reset();
        GraphQLClient.run("profile", "identity", identity);
        GraphQLClient.run("profile", "identity", identity);
        assertThat(sandbox.snapshot().requests("GET /1/profile.json"), lessThanOrEqualTo(1L));
    }

    @Test
    void aWriteMadeWhileRedisIsDownDropsTheRedisEntryOnceRedisIsBack() throws InterruptedException {
        String identity = "replayed-" + UUID.randomUUID();
        assertThat(GraphQLClient.run("profile", "identity", identity).getString("data.profile"), nullValue());
        assertThat("kept in Redis", profileKeys(identity), hasSize(1));

        RedisServerResource.current().stop();
        await("the lost subscription noticed", () -> !tier.invalidationsReliable());
        JsonPath upload = GraphQLClient.run("uploadProfiles", "profiles",
                List.of(Map.of("identity", identity, "name", "Written During The Outage")));
        assertThat(upload.getList("errors"), nullValue());
        await("the invalidation kept for later", () -> tier.pendingInvalidations() > 0);

        RedisServerResource.current().restart();
        await("the invalidation sent", () -> tier.pendingInvalidations() == 0);
        assertThat("the entry written before the outage is gone from Redis", profileKeys(identity), empty());
        assertThat(GraphQLClient.run("profile", "identity", identity).getString("data.profile.name"),
                equalTo("Written During The Outage"));
    }

    private List<String> profileKeys(String identity) {
        Redis client = Redis.createClient(vertx, RedisServerResource.current().url());
        try {
            List<String> keys = new ArrayList<>();
            for (Response key : RedisAPI.api(client).keysAndAwait(
                    "ctg:v1:" + credentials.accountId() + ":profiles:*" + identity + "*")) {
                keys.add(key.toString());
            }
            return keys;
        } finally {
            client.close();
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + NOTICED.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(what + " within " + NOTICED, System.nanoTime() < deadline, is(true));
            Thread.sleep(20);
        }
    }
}
