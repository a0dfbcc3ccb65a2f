package dev.ctgraphql.graphql.http;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableContext;
import io.quarkus.arc.ManagedContext;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.graphql.websocket.GraphQLWebSocketSession;
import io.smallrye.graphql.websocket.GraphQLWebsocketHandler;
import io.smallrye.graphql.websocket.graphqltransportws.GraphQLTransportWSSubprotocolHandler;
import io.smallrye.graphql.websocket.graphqlws.GraphQLWSSubprotocolHandler;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import dev.ctgraphql.graphql.JsonValues;
import dev.ctgraphql.security.GraphQLAccess;

/**
 * {@code ws://.../graphql} (graphql-transport-ws and the older graphql-ws): the same guards as the HTTP door before any
 * operation runs. The client authenticates in {@code connection_init} (its payload stands for the headers a browser
 * cannot set); without valid credentials the connection closes with 4401, with credentials holding no role with 4403,
 * and no {@code connection_ack} is sent. Every operation message passes {@link OperationGate} (persisted queries and
 * allowlist, document limits, introspection switch, variables limits); a connection runs a bounded number of operations
 * at once and takes messages up to a bounded size. What passes is run by SmallRye GraphQL's protocol handlers.
 */
@ApplicationScoped
public class GraphQLWebSocketEndpoint {

    private static final Logger LOG = Logger.getLogger(GraphQLWebSocketEndpoint.class);
    /**
     * After Quarkus' authentication of the upgrade request (order -200), where SmallRye's own WebSocket handler (-99)
     * would come after (never reached for {@code /graphql} then: {@link GraphQLEndpoint} removes it); {@code /graphql}
     * has no path permissions for the authorization step (-100) to apply.
     */
    private static final int ROUTE_ORDER = -120;
    private static final String TRANSPORT_WS = "graphql-transport-ws";
    private static final String GRAPHQL_WS = "graphql-ws";

    private final OperationGate gate;
    private final GraphQLAccess access;
    private final EndpointConfig.WebSocket limits;

    GraphQLWebSocketEndpoint(OperationGate gate, GraphQLAccess access, EndpointConfig config) {
        this.gate = gate;
        this.access = access;
        this.limits = config.webSocket();
    }

    void install(@Observes Router router) {
        router.route(GraphQLEndpoint.PATH).order(ROUTE_ORDER).setName(GraphQLEndpoint.OWN_ROUTE).handler(ctx -> {
            String upgrade = ctx.request().getHeader(HttpHeaders.UPGRADE);
            if (upgrade == null || !upgrade.equalsIgnoreCase("websocket")) {
                ctx.next();
                return;
            }
            accept(ctx);
        });
    }

    private void accept(RoutingContext ctx) {
        ManagedContext requestContext = Arc.container().requestContext();
        requestContext.activate();
        InjectableContext.ContextState state = requestContext.getState();
        requestContext.deactivate();
        ctx.request().toWebSocket().onComplete(result -> {
            if (result.failed()) {
                requestContext.destroy(state);
                LOG.debugf("WebSocket upgrade failed (%s)", result.cause().getClass().getSimpleName());
                return;
            }
            ServerWebSocket socket = result.result();
            String protocol = socket.subProtocol();
            if (!TRANSPORT_WS.equals(protocol) && !GRAPHQL_WS.equals(protocol)) {
                requestContext.destroy(state);
                socket.close((short) 4406, "Subprotocol not acceptable: use graphql-transport-ws or graphql-ws");
                return;
            }
            new Connection(ctx, socket, protocol, state).start();
        });
    }

    /** One client's connection: its state machine in front of SmallRye's handler. */
    private final class Connection {

        private final RoutingContext upgrade;
        private final ServerWebSocket socket;
        private final boolean transportWs;
        private final InjectableContext.ContextState state;
        private final Context context = Vertx.currentContext();
        private final Set<String> running = ConcurrentHashMap.newKeySet();
        private final GraphQLWebsocketHandler handler;
        private boolean initStarted;
        private boolean acknowledged;
        private long initTimer = -1;
        private long expiryTimer = -1;

        Connection(RoutingContext upgrade, ServerWebSocket socket, String protocol, InjectableContext.ContextState state) {
            this.upgrade = upgrade;
            this.socket = socket;
            this.transportWs = TRANSPORT_WS.equals(protocol);
            this.state = state;
            Map<String, Object> metadata = new ConcurrentHashMap<>();
            metadata.put("runBlocking", false);
            metadata.put("httpHeaders", headers(upgrade));
            metadata.put("state", state);
            Session session = new Session();
            this.handler = transportWs
                    ? new GraphQLTransportWSSubprotocolHandler(session, metadata)
                    : new GraphQLWSSubprotocolHandler(session, metadata);
        }

        void start() {
            long timeout = limits.connectionInitTimeout().toMillis();
            initTimer = upgrade.vertx().setTimer(timeout, ignored -> {
                if (!initStarted && !socket.isClosed()) {
                    socket.close((short) 4408, "Connection initialisation timeout");
                }
            });
            socket.closeHandler(ignored -> {
                upgrade.vertx().cancelTimer(initTimer);
                upgrade.vertx().cancelTimer(expiryTimer);
                handler.onClose();
                Arc.container().requestContext().destroy(state);
            });
            socket.endHandler(ignored -> handler.onEnd());
            socket.exceptionHandler(handler::onThrowable);
            socket.textMessageHandler(this::onText);
        }

        private void onText(String text) {
            if (text.length() > limits.maxMessageSize().asLongValue()) {
                socket.close((short) 1009, "Message larger than " + limits.maxMessageSize().asLongValue() + " bytes");
                return;
            }
            JsonObject message;
            try {
                // the whole message, as on the HTTP door: {...} {...} would act on the first object and drop the rest
                message = GraphQLRequest.whole(text).asJsonObject();
            } catch (RuntimeException e) {
                socket.close((short) 4400, "Not a JSON object");
                return;
            }
            String type = message.get("type") instanceof jakarta.json.JsonString name ? name.getString() : "";
            switch (type) {
                case "connection_init" -> init(message);
                case "subscribe", "start" -> operation(message);
                case "complete", "stop" -> {
                    running.remove(id(message));
                    handler.onMessage(text);
                }
                default -> {
                    if (!acknowledged && !type.equals("ping") && !type.equals("pong")) {
                        closeUnauthenticated();
                        return;
                    }
                    handler.onMessage(text);
                }
            }
        }

        private void init(JsonObject message) {
            if (initStarted) {
                socket.close((short) 4429, "Too many initialisation requests");
                return;
            }
            initStarted = true;
            upgrade.vertx().cancelTimer(initTimer);
            JsonValue payload = message.get("payload");
            Map<String, Object> credentials = new HashMap<>();
            if (payload instanceof JsonObject object) {
                object.forEach((name, value) -> {
                    if (value instanceof jakarta.json.JsonString string) {
                        credentials.put(name, string.getString());
                    }
                });
            }
            access.authenticate(upgrade, credentials).subscribe().with(
                    identity -> onContext(() -> admit(identity, message)),
                    failure -> onContext(this::closeUnauthenticated));
        }

        private void admit(SecurityIdentity identity, JsonObject message) {
            if (socket.isClosed()) {
                return;
            }
            GraphQLAccess.Refusal refusal = access.refusal(identity);
            if (refusal == GraphQLAccess.Refusal.UNAUTHENTICATED) {
                closeUnauthenticated();
                return;
            }
            if (refusal == GraphQLAccess.Refusal.FORBIDDEN) {
                socket.close((short) 4403, "Forbidden");
                return;
            }
            ManagedContext requestContext = Arc.container().requestContext();
            requestContext.activate(state);
            try {
                Arc.container().instance(CurrentIdentityAssociation.class).get().setIdentity(identity);
            } finally {
                requestContext.deactivate();
            }
            Long expires = identity.getAttribute("quarkus.identity.expire-time");
            if (expires == null && identity.getPrincipal() instanceof JsonWebToken token && token.getExpirationTime() > 0) {
                expires = token.getExpirationTime();
            }
            if (expires != null) {
                // as Quarkus' own handler does: the connection lasts no longer than its credentials
                expiryTimer = upgrade.vertx().setTimer(Math.max(1, expires * 1000 - System.currentTimeMillis()), ignored -> {
                    if (!socket.isClosed()) {
                        socket.close((short) 1008, "Authentication expired");
                    }
                });
            }
            acknowledged = true;
            handler.onMessage(message.toString());
        }

        private void operation(JsonObject message) {
            String id = id(message);
            if (!acknowledged) {
                closeUnauthenticated();
                return;
            }
            if (id == null) {
                socket.close((short) 4400, "An operation message needs an id");
                return;
            }
            if (running.size() >= limits.maxSubscriptions()) {
                refuse(id, new RequestProblem("BAD_USER_INPUT", "This connection already runs "
                        + limits.maxSubscriptions() + " operations, the most one connection may run at once; complete one "
                        + "first or open another connection"));
                return;
            }
            if (!running.add(id)) {
                socket.close((short) 4409, "Subscriber for " + id + " already exists");
                return;
            }
            JsonObject payload = message.get("payload") instanceof JsonObject object ? object : JsonValue.EMPTY_JSON_OBJECT;
            String query = payload.get("query") instanceof jakarta.json.JsonString text ? text.getString() : null;
            JsonObject extensions = payload.get("extensions") instanceof JsonObject object ? object : null;
            JsonObject variables = payload.get("variables") instanceof JsonObject object ? object : null;
            gate.admit(query, extensions, variables).subscribe().with(admitted -> onContext(() -> {
                if (socket.isClosed() || !running.contains(id)) {
                    return;
                }
                if (admitted.problem() != null) {
                    running.remove(id);
                    refuse(id, admitted.problem());
                    return;
                }
                JsonObject resolved = JsonValues.JSON.createObjectBuilder(payload).add("query", admitted.query()).build();
                handler.onMessage(JsonValues.JSON.createObjectBuilder(message).add("payload", resolved).build().toString());
            }), failure -> onContext(() -> {
                running.remove(id);
                LOG.warnf("A persisted query could not be looked up (%s)", failure.getClass().getSimpleName());
                refuse(id, new RequestProblem("UPSTREAM_UNAVAILABLE",
                        "The persisted query store cannot be reached; send the query text"));
            }));
        }

        /** An error message for one operation, in the connection's protocol; the connection stays open. */
        private void refuse(String id, RequestProblem problem) {
            JsonObject error = JsonValues.JSON.createObjectBuilder().add("message", problem.message())
                    .add("extensions", JsonValues.JSON.createObjectBuilder().add("code", problem.code())).build();
            JsonObject message = JsonValues.JSON.createObjectBuilder().add("id", id).add("type", "error")
                    .add("payload", transportWs ? JsonValues.JSON.createArrayBuilder().add(error).build() : error).build();
            socket.writeTextMessage(message.toString());
        }

        private void closeUnauthenticated() {
            if (!socket.isClosed()) {
                socket.close((short) 4401, "Unauthorized");
            }
        }

        private void onContext(Runnable action) {
            if (Vertx.currentContext() == context) {
                action.run();
            } else {
                context.runOnContext(ignored -> action.run());
            }
        }

        private static String id(JsonObject message) {
            return message.get("id") instanceof jakarta.json.JsonString id ? id.getString() : null;
        }

        /** What SmallRye's handler writes; an operation it ends (complete or error) no longer counts as running. */
        private final class Session implements GraphQLWebSocketSession {
            @Override
            public void sendMessage(String message) {
                if (message.startsWith("{\"type\":\"complete\"") || message.startsWith("{\"id\":")) {
                    ended(message);
                }
                socket.writeTextMessage(message);
            }

            private void ended(String message) {
                try (JsonReader reader = JsonValues.readers().createReader(new java.io.StringReader(message))) {
                    JsonObject sent = reader.readObject();
                    String type = sent.getString("type", "");
                    if (type.equals("complete") || type.equals("error")) {
                        running.remove(id(sent));
                    }
                }
            }

            @Override
            public void close(short statusCode, String reason) {
                socket.close(statusCode, reason);
            }

            @Override
            public boolean isClosed() {
                return socket.isClosed();
            }
        }
    }

    private static Map<String, List<String>> headers(RoutingContext ctx) {
        Map<String, List<String>> copy = new HashMap<>();
        for (String name : ctx.request().headers().names()) {
            if (!name.equalsIgnoreCase("Authorization") && !name.equalsIgnoreCase("X-API-Key")) {
                copy.put(name, ctx.request().headers().getAll(name));
            }
        }
        return copy;
    }
}
