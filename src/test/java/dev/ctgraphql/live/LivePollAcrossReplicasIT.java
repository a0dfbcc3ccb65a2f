package dev.ctgraphql.live;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.vertx.core.json.JsonObject;

import dev.ctgraphql.GraphQLClient;
import dev.ctgraphql.ItApiKeys;
import dev.ctgraphql.Replicas;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.both;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;

/**
 * Three replicas of the packaged jar on one redis-server and one CleverTap stand-in (the sandbox, as a process of its
 * own that every replica calls through {@code clevertap.base-url}): 50 live view subscribers spread over the replicas
 * cost one {@code now.json} poll per interval, and when the replica that polls is killed another takes over.
 */
class LivePollAcrossReplicasIT {

    static final int INTERVAL_SECONDS = 2;
    static final int SUBSCRIBERS = 50;

    static Replicas replicas;
    static Replicas.Replica sandbox;
    static List<Replicas.Replica> started;

    @BeforeAll
    static void startThreeReplicasOnOneRedisAndOneSandbox() throws Exception {
        replicas = new Replicas();
        sandbox = replicas.start("live-sandbox", Map.of("clevertap.sandbox.enabled", "true"));
        Map<String, String> settings = new HashMap<>();
        settings.put("clevertap.sandbox.enabled", "false");
        settings.put("clevertap.account-id", "SANDBOX-RK4-ZZ5-W66Z");
        settings.put("clevertap.passcode", "sandbox-passcode");
        settings.put("clevertap.base-url", "http://127.0.0.1:" + sandbox.port() + "/sandbox");
        settings.put("clevertap.shared-cache.redis-url", replicas.redisUrl());
        // much shorter than the interval, so that the real-time cache (local and in Redis) cannot hide a poll per replica
        settings.put("clevertap.cache.realtime.ttl", "200ms");
        started = List.of(replicas.start("live-1", settings), replicas.start("live-2", settings),
                replicas.start("live-3", settings));
        replicas.awaitReady();
    }

    @AfterAll
    static void stopEverything() throws Exception {
        if (replicas != null) {
            replicas.close();
        }
    }

    @Test
    void fiftySubscribersOnThreeReplicasCostOnePollPerIntervalAndSurviveTheKillOfThePollingReplica() throws Exception {
        List<List<GraphQLWebSocket>> byReplica = new ArrayList<>();
        try {
            // replica 1 first: its poll starts first, so it takes the lease
            for (int r = 0; r < started.size(); r++) {
                List<GraphQLWebSocket> sockets = new ArrayList<>();
                int count = SUBSCRIBERS / 3 + (r < SUBSCRIBERS % 3 ? 1 : 0);
                for (int i = 0; i < count; i++) {
                    GraphQLWebSocket ws = GraphQLWebSocket.connect(replicas.vertx(), started.get(r).uri("/graphql"),
                            new JsonObject().put("Authorization", "ApiKey " + ItApiKeys.VIEWER));
                    ws.subscribe(GraphQLClient.document("liveUsers"), Map.of("intervalSeconds", INTERVAL_SECONDS));
                    sockets.add(ws);
                }
                for (GraphQLWebSocket ws : sockets) {
                    assertThat("a first reading", reading(ws, Duration.ofSeconds(20)), notNullValue());
                }
                byReplica.add(sockets);
                if (r == 0) {
                    Thread.sleep(INTERVAL_SECONDS * 1000L + 500);
                }
            }
            Thread.sleep(INTERVAL_SECONDS * 1000L);

            // five intervals with every replica's subscribers
            Window all = watch(byReplica, 5);
            assertThat("now.json polls in 5 intervals", all.polls, both(greaterThanOrEqualTo(3L)).and(lessThanOrEqualTo(7L)));
            assertThat("readings per subscriber", all.fewestPerSubscriber, greaterThanOrEqualTo(3));
            // a reading is known by the time it was polled: replicas polling on their own would share none
            for (int r = 0; r < byReplica.size(); r++) {
                Set<String> elsewhere = new HashSet<>();
                for (int other = 0; other < byReplica.size(); other++) {
                    if (other != r) {
                        elsewhere.addAll(all.byReplica.get(other));
                    }
                }
                Set<String> shared = new HashSet<>(all.byReplica.get(r));
                shared.retainAll(elsewhere);
                assertThat("readings of replica " + (r + 1) + " " + all.byReplica.get(r) + " also seen on another replica",
                        shared.size(), greaterThanOrEqualTo(all.byReplica.get(r).size() - 2));
            }

            // the replica that polls dies: another takes the lease over when it expires (two intervals)
            started.get(0).kill();
            OffsetDateTime killedAt = OffsetDateTime.now();
            List<List<GraphQLWebSocket>> survivors = byReplica.subList(1, 3);
            Window after = watch(survivors, 5);
            assertThat("a reading polled after the kill reached every surviving subscriber", after.fewestNewerThan(killedAt),
                    greaterThanOrEqualTo(1));
            assertThat("now.json polls in 5 intervals after the kill", after.polls, lessThanOrEqualTo(6L));
            assertThat(after.polls, greaterThanOrEqualTo(2L));
        } finally {
            for (List<GraphQLWebSocket> sockets : byReplica) {
                for (GraphQLWebSocket ws : sockets) {
                    try {
                        ws.close();
                    } catch (Exception alreadyClosed) {
                        // the killed replica's sockets are gone already
                    }
                }
            }
        }
    }

    /** What the subscribers received during some intervals, and how often CleverTap was polled meanwhile. */
    private static final class Window {
        long polls;
        final Set<String> readings = new HashSet<>();
        final List<Set<String>> byReplica = new ArrayList<>();
        final List<List<String>> perSubscriber = new ArrayList<>();
        int fewestPerSubscriber = Integer.MAX_VALUE;

        int fewestNewerThan(OffsetDateTime time) {
            int fewest = Integer.MAX_VALUE;
            for (List<String> seen : perSubscriber) {
                fewest = Math.min(fewest, (int) seen.stream().filter(t -> OffsetDateTime.parse(t).isAfter(time)).count());
            }
            return fewest;
        }
    }

    private static Window watch(List<List<GraphQLWebSocket>> byReplica, int intervals) throws Exception {
        // what arrived before the window is not part of it
        for (List<GraphQLWebSocket> sockets : byReplica) {
            for (GraphQLWebSocket ws : sockets) {
                while (ws.next(Duration.ZERO) != null) {
                    // dropped
                }
            }
        }
        given().delete(sandbox.uri("/sandbox/_stats")).then().statusCode(200);
        Window window = new Window();
        Map<GraphQLWebSocket, List<String>> seen = new HashMap<>();
        byReplica.forEach(sockets -> sockets.forEach(ws -> seen.put(ws, new ArrayList<>())));
        long end = System.nanoTime() + Duration.ofSeconds((long) intervals * INTERVAL_SECONDS).toNanos();
        while (System.nanoTime() < end) {
            for (Map.Entry<GraphQLWebSocket, List<String>> socket : seen.entrySet()) {
                JsonObject reading;
                while ((reading = reading(socket.getKey(), Duration.ZERO)) != null) {
                    socket.getValue().add(reading.getString("polledAt"));
                }
            }
            Thread.sleep(50);
        }
        Number polls = given().get(sandbox.uri("/sandbox/_stats")).then().statusCode(200).extract().jsonPath()
                .get("requests.'POST /1/now.json'");
        window.polls = polls == null ? 0 : polls.longValue();
        for (List<GraphQLWebSocket> sockets : byReplica) {
            Set<String> times = new HashSet<>();
            sockets.forEach(ws -> times.addAll(seen.get(ws)));
            window.byReplica.add(times);
        }
        for (List<String> times : seen.values()) {
            window.readings.addAll(times);
            window.perSubscriber.add(times);
            window.fewestPerSubscriber = Math.min(window.fewestPerSubscriber, times.size());
        }
        return window;
    }

    /** The next liveUsers reading on a socket, or null when none came in time. */
    private static JsonObject reading(GraphQLWebSocket ws, Duration wait) throws InterruptedException {
        JsonObject message = ws.next(wait);
        if (message == null || message.getJsonObject("payload") == null) {
            return null;
        }
        return message.getJsonObject("payload").getJsonObject("data").getJsonObject("liveUsers");
    }
}
