package dev.ctgraphql.upstream;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;

/**
 * A TCP relay on a loopback port to one redis-server, standing for the network path of a single replica: cutting it
 * drops that replica's connections and refuses new ones while the server keeps serving everyone else (a partition).
 */
final class CuttableRedisPath implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final NetServer server;
    private final NetClient client;
    private final Set<NetSocket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean cut;

    CuttableRedisPath(Vertx vertx, int redisPort) {
        this.client = vertx.createNetClient();
        this.server = vertx.createNetServer().connectHandler(inbound -> {
            if (cut) {
                inbound.close();
                return;
            }
            inbound.pause();
            client.connect(redisPort, "127.0.0.1").onSuccess(outbound -> {
                open.add(inbound);
                open.add(outbound);
                inbound.handler(outbound::write);
                outbound.handler(inbound::write);
                inbound.closeHandler(ignored -> outbound.close());
                outbound.closeHandler(ignored -> inbound.close());
                inbound.resume();
            }).onFailure(e -> inbound.close());
        });
        server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture()
                .orTimeout(WAIT.toMillis(), TimeUnit.MILLISECONDS)
                .join();
    }

    /** The address a replica behind this path is given. */
    String url() {
        return "redis://127.0.0.1:" + server.actualPort();
    }

    /** Drops every connection through the path and refuses new ones until {@link #mend()}. */
    void cut() {
        cut = true;
        open.forEach(NetSocket::close);
        open.clear();
    }

    void mend() {
        cut = false;
    }

    @Override
    public void close() {
        cut();
        server.close();
        client.close();
    }
}
