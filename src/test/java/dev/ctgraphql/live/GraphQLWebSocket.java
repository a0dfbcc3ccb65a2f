package dev.ctgraphql.live;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;

/**
 * A test client speaking graphql-transport-ws over a raw Vert.x WebSocket: connection_init/ack, one subscribe, then
 * the server's messages in a queue.
 */
public final class GraphQLWebSocket implements AutoCloseable {

    private final HttpClient client;
    private final WebSocket socket;
    private final BlockingQueue<JsonObject> messages = new LinkedBlockingQueue<>();
    private final CompletableFuture<Short> closed = new CompletableFuture<>();
    private volatile boolean acknowledged;

    private GraphQLWebSocket(HttpClient client, WebSocket socket) {
        this.client = client;
        this.socket = socket;
        socket.textMessageHandler(text -> {
            JsonObject message = new JsonObject(text);
            if ("connection_ack".equals(message.getString("type"))) {
                acknowledged = true;
            }
            messages.add(message);
        });
        socket.closeHandler(ignored -> closed.complete(socket.closeStatusCode()));
    }

    /** Opens a WebSocket with {@code subprotocol} and sends nothing: for tests of what the server refuses. */
    public static GraphQLWebSocket open(Vertx vertx, URI uri, String subprotocol) throws Exception {
        HttpClient client = vertx.createHttpClient();
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost(uri.getHost()).setPort(uri.getPort())
                .setURI(uri.getPath()).addSubProtocol(subprotocol);
        WebSocket socket = client.webSocket(options).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return new GraphQLWebSocket(client, socket);
    }

    /** The close code the server sent, waiting up to {@code timeout}; null when the connection is still open. */
    public Short closeStatus(Duration timeout) throws Exception {
        try {
            return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return null;
        }
    }

    /** Whether the server ever sent connection_ack on this connection. */
    public boolean acknowledged() {
        return acknowledged;
    }

    /** Sends any message (text frames only). */
    public void sendText(String text) {
        socket.writeTextMessage(text);
    }

    /** Starts an operation with {@code id} and the whole {@code payload} (query, variables, extensions). */
    public void subscribe(String id, JsonObject payload) {
        send(new JsonObject().put("id", id).put("type", "subscribe").put("payload", payload));
    }

    /** Connects to {@code uri} (the /graphql endpoint) and waits for connection_ack. */
    public static GraphQLWebSocket connect(Vertx vertx, URI uri) throws Exception {
        return connect(vertx, uri, new JsonObject());
    }

    /**
     * Connects with {@code payload} in connection_init (where browsers put credentials) and waits for connection_ack;
     * fails when the server answers anything else or closes the connection.
     */
    public static GraphQLWebSocket connect(Vertx vertx, URI uri, JsonObject payload) throws Exception {
        HttpClient client = vertx.createHttpClient();
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost(uri.getHost()).setPort(uri.getPort())
                .setURI(uri.getPath()).addSubProtocol("graphql-transport-ws");
        WebSocket socket = client.webSocket(options).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        GraphQLWebSocket ws = new GraphQLWebSocket(client, socket);
        ws.send(new JsonObject().put("type", "connection_init").put("payload", payload));
        JsonObject ack = ws.next(Duration.ofSeconds(10));
        if (ack == null || !"connection_ack".equals(ack.getString("type"))) {
            try {
                ws.close();
            } catch (Exception closedByTheServer) {
                // the refusal is what matters here, not how the socket ended
            }
            throw new IllegalStateException("no connection_ack but " + ack);
        }
        return ws;
    }

    /** Starts a subscription with id "1". */
    public void subscribe(String query, Map<String, Object> variables) {
        send(new JsonObject().put("id", "1").put("type", "subscribe")
                .put("payload", new JsonObject().put("query", query).put("variables", new JsonObject(variables))));
    }

    /** The next message from the server, or null after the timeout; pings are answered and skipped. */
    public JsonObject next(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonObject message = messages.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (message == null || !"ping".equals(message.getString("type"))) {
                return message;
            }
            send(new JsonObject().put("type", "pong"));
        }
    }

    /** Sends one protocol message. */
    public void send(JsonObject message) {
        socket.writeTextMessage(message.encode());
    }

    @Override
    public void close() throws Exception {
        if (closed.isDone()) {
            client.close();
            return;
        }
        socket.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        client.close();
    }
}
