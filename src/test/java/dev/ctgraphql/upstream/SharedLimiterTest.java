package dev.ctgraphql.upstream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/**
 * The account-wide limiter on a real redis-server, with several limiter instances standing for replicas: arrival order
 * across replicas, permits of a replica that died coming back when their leases expire, accounts kept apart, and the
 * local share while Redis is down.
 */
class SharedLimiterTest {

    static final Duration LEASE = Duration.ofSeconds(1);

    private static final int OTHER_QUEUE = 5;
    static final Duration WAIT = Duration.ofSeconds(10);

    static Vertx vertx;
    static RedisServerResource redis;
    static Redis inspector;

    final List<SharedLimiter> limiters = new ArrayList<>();
    final String prefix = "t" + UUID.randomUUID().toString().substring(0, 8) + ":";

    @BeforeAll
    static void startRedis() {
        vertx = Vertx.vertx();
        redis = new RedisServerResource();
        redis.start();
        inspector = Redis.createClient(vertx, redis.url());
        // the first Mutiny call sets up context propagation, which fails when several threads do it at once
        inspector.send(Request.cmd(Command.PING)).await().atMost(WAIT);
    }

    @AfterAll
    static void stopRedis() {
        inspector.close();
        redis.stop();
        vertx.closeAndAwait();
    }

    @AfterEach
    void closeLimiters() {
        limiters.forEach(SharedLimiter::close);
    }

    @Test
    void permitsGoInArrivalOrderAcrossReplicasAndNeverBeyondTheLimit() throws Exception {
        SharedLimiter first = limiter("ACCOUNT-1", 1);
        SharedLimiter second = limiter("ACCOUNT-1", 1);
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        Ask holder = ask(first, "first-0", order);
        holder.await();

        // arrivals alternate between the replicas; each is in Redis's queue before the next one comes
        List<Ask> waiting = new ArrayList<>();
        String[] names = {"second-1", "first-2", "second-3", "first-4", "second-5"};
        for (int i = 0; i < names.length; i++) {
            waiting.add(ask(names[i].startsWith("first") ? first : second, names[i], order));
            int queued = i + 1;
            awaitTrue(() -> queuedInRedis("other") == queued, "ticket " + names[i] + " queued in Redis");
        }
        Thread.sleep(300);
        assertThat("nothing granted while the one permit is held", order, contains("first-0"));

        holder.permit.release();
        for (Ask next : waiting) {
            next.await();
            Thread.sleep(50);
            assertThat("only one permit in flight at a time", first.inFlight(LimitClass.OTHER)
                    + second.inFlight(LimitClass.OTHER), equalTo(1));
            next.permit.release();
        }

        assertThat(order, contains("first-0", "second-1", "first-2", "second-3", "first-4", "second-5"));
    }

    @Test
    void aWaitingReplicaIsToldAtOnceWhenAPermitIsFreedWithoutWaitingForItsNextPoll() throws Exception {
        // polls 10 s apart (a third of the lease): only the message on release can wake the waiter sooner
        Duration lease = Duration.ofSeconds(30);
        SharedLimiter holder = limiter("ACCOUNT-1", 1, lease, lease);
        SharedLimiter waiter = limiter("ACCOUNT-1", 1, lease, lease);
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        Ask held = ask(holder, "holder", order);
        held.await();
        Ask waiting = ask(waiter, "waiter", order);
        awaitTrue(() -> queuedInRedis("other") == 1, "the waiter's ticket in Redis");
        Thread.sleep(200);

        long released = System.nanoTime();
        held.permit.release();
        waiting.await();

        assertThat(Duration.ofNanos(System.nanoTime() - released).toMillis(), lessThan(2000L));
        assertThat(order, contains("holder", "waiter"));
    }

    @Test
    void beyondItsQueueBoundARequestIsRefusedAtOnceAsRateLimitedAndTheQueueStaysAsItWas() throws Exception {
        SharedLimiter limiter = limiter("ACCOUNT-1", 1);
        Ask held = ask(limiter, "held", new ArrayList<>());
        held.await();
        List<Ask> waiting = new ArrayList<>();
        for (int i = 0; i < OTHER_QUEUE; i++) {
            waiting.add(ask(limiter, "waiting-" + i, new ArrayList<>()));
        }
        awaitTrue(() -> limiter.queued(LimitClass.OTHER) == OTHER_QUEUE, "the queue full");

        Ask refused = ask(limiter, "one too many", new ArrayList<>());
        assertThat("refused at once", refused.done.await(1, TimeUnit.SECONDS), equalTo(true));
        assertThat(refused.failure, instanceOf(CleverTapQueueFullException.class));
        assertThat(refused.failure.getMessage(), containsString("nothing was sent"));
        assertThat(limiter.queued(LimitClass.OTHER), equalTo(OTHER_QUEUE));

        held.permit.release();
        for (Ask ask : waiting) {
            ask.await();
            ask.permit.release();
        }
    }

    @Test
    void aReplicaThatStopsRenewingGivesItsPermitsBackWhenTheirLeasesExpire() throws Exception {
        SharedLimiter crashing = limiter("ACCOUNT-1", 2);
        SharedLimiter survivor = limiter("ACCOUNT-1", 2);
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        ask(crashing, "held-1", order).await();
        ask(crashing, "held-2", order).await();
        ask(crashing, "queued", order);
        awaitTrue(() -> queuedInRedis("other") == 1, "the crashing replica's waiting ticket in Redis");

        // a crash: no renewal, no release, nothing said to Redis
        limiters.remove(crashing);
        crashing.close();
        long crashed = System.nanoTime();
        Ask waiting = ask(survivor, "survivor", order);

        waiting.await();
        Duration waited = Duration.ofNanos(System.nanoTime() - crashed);
        assertThat("the dead replica's leases held for their time to live", waited.toMillis(),
                greaterThanOrEqualTo(LEASE.toMillis() / 2));
        assertThat("and no longer", waited.toMillis(), lessThan(LEASE.multipliedBy(4).toMillis()));
        assertThat(survivor.mode(), equalTo(SharedLimiter.Mode.SHARED));
    }

    @Test
    void twoAccountsOnOneRedisDoNotShareTheirPermits() throws Exception {
        SharedLimiter one = limiter("ACCOUNT-1", 1);
        SharedLimiter other = limiter("ACCOUNT-2", 1);
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        ask(one, "account-1", order).await();

        Ask elsewhere = ask(other, "account-2", order);

        elsewhere.await();
        assertThat(order, contains("account-1", "account-2"));
        assertThat("no key names an account", keys("*ACCOUNT*"), empty());
    }

    @Test
    void pacedOperationsAreSpacedForTheWholeAccount() throws Exception {
        SharedLimiter first = limiter("ACCOUNT-1", 3);
        SharedLimiter second = limiter("ACCOUNT-1", 3);
        List<Long> started = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch done = new CountDownLatch(6);

        for (int i = 0; i < 6; i++) {
            (i % 2 == 0 ? first : second).pace("test", 5).subscribe().with(ok -> {
                started.add(System.nanoTime());
                done.countDown();
            }, failure -> done.countDown());
        }

        assertThat(done.await(WAIT.toMillis(), TimeUnit.MILLISECONDS), equalTo(true));
        assertThat(started, hasSize(6));
        List<Long> sorted = new ArrayList<>(started);
        Collections.sort(sorted);
        for (int i = 1; i < sorted.size(); i++) {
            assertThat("5 a second between both replicas: 200 ms apart, give or take a round trip",
                    Duration.ofNanos(sorted.get(i) - sorted.get(i - 1)).toMillis(), greaterThanOrEqualTo(150L));
        }
        assertThat(first.mode(), equalTo(SharedLimiter.Mode.SHARED));
    }

    @Test
    void whileRedisIsDownEachReplicaKeepsWithinItsPartOfTheLimitAndRedisTakesOverWhenBack() throws Exception {
        List<SharedLimiter> replicas = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            replicas.add(limiter("ACCOUNT-1", 3));
        }
        awaitTrue(() -> replicas.stream().allMatch(r -> r.replicas() == 4), "every replica seen in Redis");
        redis.stop();
        try {
            List<String> order = Collections.synchronizedList(new ArrayList<>());
            List<Ask> asks = new ArrayList<>();
            for (int i = 0; i < replicas.size(); i++) {
                asks.add(ask(replicas.get(i), "replica-" + i, order));
            }
            for (Ask asked : asks) {
                asked.done.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            }

            List<Ask> refused = asks.stream().filter(a -> a.failure != null).toList();
            assertThat("4 replicas, 3 permits: one replica's part is none", refused, hasSize(1));
            assertThat(refused.get(0).failure, instanceOf(CleverTapRateLimitedException.class));
            assertThat(order, hasSize(3));
            replicas.forEach(r -> assertThat(r.mode(), equalTo(SharedLimiter.Mode.FALLBACK)));

            // within its share of one, a replica's next request waits for its first to end
            SharedLimiter busy = replicas.get(asks.indexOf(asks.stream().filter(a -> a.permit != null).findFirst().get()));
            Ask second = ask(busy, "second", order);
            Thread.sleep(300);
            assertThat(second.permit, nullValue());
            asks.stream().filter(a -> a.permit != null && replicas.get(asks.indexOf(a)) == busy).findFirst().get().permit
                    .release();
            second.await();
        } finally {
            redis.restart();
        }

        awaitTrue(() -> replicas.stream().allMatch(r -> r.mode() != SharedLimiter.Mode.FALLBACK),
                "every replica back on Redis");
        awaitTrue(() -> leasesInRedis("other") == 3, "the requests still in flight registered as leases in Redis");
        awaitTrue(() -> replicas.stream().allMatch(r -> r.mode() == SharedLimiter.Mode.SHARED), "recovery over");
        Ask fourth = ask(replicas.get(0), "over the limit", new ArrayList<>());
        Thread.sleep(300);
        assertThat("the account's 3 permits are taken by what runs since the outage", fourth.permit, nullValue());
    }

    @Test
    void aReplicaCutOffFromRedisKeepsWithinItsShareWhileTheOthersKeepSharingAndRejoinsWhenTheWayIsBack() throws Exception {
        // four replicas and four permits: each one's part is one request (the configured fallback) and 3 of 15 uploads
        List<SharedLimiter> connected = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            connected.add(limiter("ACCOUNT-1", 4));
        }
        try (CuttableRedisPath path = new CuttableRedisPath(vertx.getDelegate(), redis.port())) {
            SharedLimiter isolated = limiter(path.url(), "ACCOUNT-1", 4, LEASE, Duration.ofMillis(100),
                    new ProcessIdentity());
            List<SharedLimiter> all = new ArrayList<>(connected);
            all.add(isolated);
            awaitTrue(() -> all.stream().allMatch(r -> r.replicas() == 4), "every replica seen in Redis");

            path.cut();
            List<String> order = Collections.synchronizedList(new ArrayList<>());
            Ask local = ask(isolated, "isolated-1", order);
            local.await();
            assertThat(isolated.mode(), equalTo(SharedLimiter.Mode.FALLBACK));
            assertThat(isolated.share(LimitClass.OTHER), equalTo(1));
            assertThat(isolated.share(LimitClass.UPLOAD), equalTo(3));
            Ask beyondShare = ask(isolated, "isolated-2", order);
            Thread.sleep(300);
            assertThat("within its share of one, its next request waits", beyondShare.permit, nullValue());

            // the others go on through Redis, which sees none of the isolated replica's requests
            List<Ask> shared = new ArrayList<>();
            for (SharedLimiter replica : connected) {
                shared.add(ask(replica, "connected", order));
            }
            for (Ask ask : shared) {
                ask.await();
            }
            connected.forEach(r -> assertThat(r.mode(), not(equalTo(SharedLimiter.Mode.FALLBACK))));
            assertThat(leasesInRedis("other"), equalTo(3L));

            path.mend();
            awaitTrue(() -> isolated.mode() != SharedLimiter.Mode.FALLBACK, "the isolated replica back on Redis");
            awaitTrue(() -> leasesInRedis("other") == 4, "its request in flight registered as a lease in Redis");
            local.permit.release();
            beyondShare.await();
            awaitTrue(() -> isolated.mode() == SharedLimiter.Mode.SHARED, "recovery over");
            beyondShare.permit.release();
            shared.forEach(ask -> ask.permit.release());
        }
    }

    @Test
    void aCopyRestoredFromASnapshotNamesItselfAnewInRedis() throws Exception {
        ProcessIdentity identity = new ProcessIdentity();
        SharedLimiter limiter = limiter(redis.url(), "ACCOUNT-1", 3, LEASE, Duration.ofMillis(100), identity);
        awaitTrue(() -> replicaNames().size() == 1, "the replica says it is alive");
        String snapshotName = replicaNames().get(0);
        assertThat(snapshotName, equalTo(identity.name()));

        // what Lambda does to every copy it restores from one snapshot: each copy draws its own name
        identity.restored();
        String restoredName = identity.name();
        assertThat(restoredName, not(equalTo(snapshotName)));
        awaitTrue(() -> replicaNames().contains(restoredName), "the restored copy alive under its new name");
        Ask ask = ask(limiter, "after the restore", new ArrayList<>());
        ask.await();
        assertThat(members("other:leases"), contains(startsWith(restoredName + ":")));
        awaitTrue(() -> !replicaNames().contains(snapshotName), "the snapshot's name gone when its heartbeat expires");
        ask.permit.release();
    }

    // ---- helpers

    private List<String> replicaNames() {
        return members("replicas");
    }

    private List<String> members(String suffix) {
        List<String> found = keys(prefix + "*" + suffix);
        if (found.isEmpty()) {
            return List.of();
        }
        assertThat(found, hasSize(1));
        Response members = inspector.send(Request.cmd(Command.ZRANGE).arg(found.get(0)).arg(0).arg(-1)).await().atMost(WAIT);
        List<String> names = new ArrayList<>();
        members.forEach(member -> names.add(member.toString()));
        return names;
    }

    private SharedLimiter limiter(String account, int otherLimit) {
        return limiter(account, otherLimit, LEASE, Duration.ofMillis(100));
    }

    private SharedLimiter limiter(String account, int otherLimit, Duration lease, Duration pollInterval) {
        return limiter(redis.url(), account, otherLimit, lease, pollInterval, new ProcessIdentity());
    }

    private SharedLimiter limiter(String url, String account, int otherLimit, Duration lease, Duration pollInterval,
            ProcessIdentity identity) {
        SharedLimiter limiter = new SharedLimiter(vertx, new SharedLimiter.Settings(url, prefix, account, 15,
                otherLimit, 3, 1, 100, OTHER_QUEUE, lease, pollInterval, Duration.ofMillis(500), Duration.ofMillis(300)),
                identity);
        limiter.start();
        limiters.add(limiter);
        return limiter;
    }

    private static Ask ask(SharedLimiter limiter, String name, List<String> order) {
        Ask ask = new Ask();
        limiter.acquire(LimitClass.OTHER).subscribe().with(permit -> {
            ask.permit = permit;
            order.add(name);
            ask.done.countDown();
        }, failure -> {
            ask.failure = failure;
            ask.done.countDown();
        });
        return ask;
    }

    private long queuedInRedis(String limitClass) {
        return cardinality(limitClass + ":queue");
    }

    private long leasesInRedis(String limitClass) {
        return cardinality(limitClass + ":leases");
    }

    private long cardinality(String suffix) {
        List<String> found = keys(prefix + "*" + suffix);
        if (found.isEmpty()) {
            return 0;
        }
        assertThat(found, hasSize(1));
        return inspector.send(Request.cmd(Command.ZCARD).arg(found.get(0))).await().atMost(WAIT).toLong();
    }

    private static List<String> keys(String pattern) {
        Response keys = inspector.send(Request.cmd(Command.KEYS).arg(pattern)).await().atMost(WAIT);
        List<String> names = new ArrayList<>();
        keys.forEach(key -> names.add(key.toString()));
        return names;
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + WAIT + ": " + what);
            }
            Thread.sleep(20);
        }
    }

    private static final class Ask {
        final CountDownLatch done = new CountDownLatch(1);
        volatile Permit permit;
        volatile Throwable failure;

        void await() throws InterruptedException {
            assertThat("answered within " + WAIT, done.await(WAIT.toMillis(), TimeUnit.MILLISECONDS), equalTo(true));
            assertThat(failure, nullValue());
            assertThat(permit, notNullValue());
        }
    }
}
