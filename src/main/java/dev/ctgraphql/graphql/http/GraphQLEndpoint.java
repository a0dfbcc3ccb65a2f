package dev.ctgraphql.graphql.http;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.json.JsonObject;

import org.jboss.logging.Logger;

import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableContext;
import io.quarkus.arc.ManagedContext;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.graphql.execution.ExecutionService;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import dev.ctgraphql.graphql.JsonValues;
import dev.ctgraphql.security.GraphQLAccess;
import dev.ctgraphql.upstream.ResponseNotes;

import graphql.language.OperationDefinition;

/**
 * {@code /graphql} over HTTP as the GraphQL-over-HTTP specification describes it, in front of SmallRye GraphQL's
 * execution: POST with {@code application/json} (or a bare {@code application/graphql} document), GET for queries
 * only, {@code application/graphql-response+json} when the caller accepts it, 4xx for requests that cannot run.
 * Before anything executes it resolves persisted queries, applies the document and variables limits and refuses
 * what it must ({@link OperationGate}); queries made only of lean Query fields then run on {@link LeanExecution},
 * everything else on SmallRye's executor. WebSocket upgrades are served by
 * {@link GraphQLWebSocketEndpoint}.
 */
@ApplicationScoped
public class GraphQLEndpoint {

    static final String PATH = "/graphql";
    /** The name of this service's own routes on {@link #PATH} (this one's and {@link GraphQLWebSocketEndpoint}'s). */
    static final String OWN_ROUTE = "clevertap-graphql " + PATH;
    /** After Quarkus' authentication and authorization filters (negative orders), before SmallRye's own routes. */
    private static final int ROUTE_ORDER = -1;
    private static final Logger LOG = Logger.getLogger(GraphQLEndpoint.class);

    private final EndpointConfig config;
    private final OperationGate gate;
    private final AnswerMemo memo;
    private final GraphQLAccess access;
    private final BulkVariables bulk;
    private final LeanExecution lean;
    private final Instance<CurrentIdentityAssociation> identities;
    private final CurrentVertxRequest currentRequest;
    private volatile ExecutionService execution;

    GraphQLEndpoint(EndpointConfig config, OperationGate gate, AnswerMemo memo, GraphQLAccess access,
            LeanExecution lean, Instance<CurrentIdentityAssociation> identities, CurrentVertxRequest currentRequest) {
        this.config = config;
        this.gate = gate;
        this.memo = memo;
        this.access = access;
        this.lean = lean;
        this.bulk = new BulkVariables(config.limits());
        this.identities = identities;
        this.currentRequest = currentRequest;
    }

    void install(@Observes Router router) {
        long maxBody = config.maxBodySize().asLongValue();
        BodyHandler bodies = BodyHandler.create(false).setBodyLimit(maxBody).setHandleFileUploads(false);
        // one route, two handlers (admission and body, then the request): going on to the next handler of the same
        // route costs less than finding the next route
        router.route(PATH).order(ROUTE_ORDER).setName(OWN_ROUTE).handler(ctx -> {
            // a WebSocket authenticates with its connection_init payload, in SmallRye's handler
            if (isUpgrade(ctx)) {
                ctx.next();
                return;
            }
            if (!access.admit(ctx)) {
                return;
            }
            if (ctx.request().method() != HttpMethod.POST) {
                ctx.next();
                return;
            }
            String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null && isLonger(length, maxBody)) {
                refuse(ctx, 413, MediaTypes.JSON, RequestProblem.badInput("The request body is larger than "
                        + config.maxBodySize().asLongValue() + " bytes"));
                return;
            }
            if (!IncomingBody.read(ctx, maxBody, Infrastructure.getDefaultWorkerPool())) {
                bodies.handle(ctx);
            }
        }).handler(this::handle).failureHandler(ctx -> {
            if (ctx.statusCode() == 413) {
                refuse(ctx, 413, MediaTypes.JSON,
                        RequestProblem.badInput("The request body is larger than " + maxBody + " bytes"));
            } else {
                ctx.next();
            }
        });
        dropUnreachable(router);
        router.route(PATH + "/schema.graphql").order(ROUTE_ORDER).handler(ctx -> {
            if (!access.admit(ctx)) {
                return;
            }
            if (config.introspection()) {
                ctx.next();
            } else {
                ctx.response().setStatusCode(404).end();
            }
        });
    }

    /**
     * Removes SmallRye GraphQL's own routes on {@link #PATH} (its WebSocket handler at order -99, its execution
     * handler): no request reaches them, as every upgrade is taken by {@link GraphQLWebSocketEndpoint} before and every
     * other request is answered here, yet every request passed through the WebSocket handler, which activates a request
     * context on the way. Its other routes ({@code /graphql/schema.graphql}, GraphiQL) stay.
     */
    private static void dropUnreachable(Router router) {
        for (Route route : router.getRoutes()) {
            if (PATH.equals(route.getPath()) && !OWN_ROUTE.equals(route.getName())) {
                LOG.debugf("Removing the unreachable route %s", route);
                route.remove();
            }
        }
    }

    /**
     * While the server starts, a worker thread readies what every first request uses (the document checks, the lean
     * executor and its schema, graphql-java's parser and validator, the answer writer, the JSON-P reader of request
     * bodies, the response cache that answer reuse asks first) with a document no caller sends:
     * the first caller then pays for none of it. It never delays readiness, and a request that comes first just does
     * the same work itself.
     */
    void prime(@Observes StartupEvent event) {
        Infrastructure.getDefaultWorkerPool().execute(() -> {
            try {
                JsonValues.readers();
                memo.prime();
                gate.document(LeanExecution.PRIMING);
                lean.prime();
            } catch (RuntimeException e) {
                LOG.debugf("Start-up priming of the GraphQL path failed: %s", e);
            }
        });
    }

    private static boolean isLonger(String contentLength, long max) {
        try {
            return Long.parseLong(contentLength.trim()) > max;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean isUpgrade(RoutingContext ctx) {
        String upgrade = ctx.request().getHeader(HttpHeaders.UPGRADE);
        return upgrade != null && upgrade.equalsIgnoreCase("websocket");
    }

    private void handle(RoutingContext ctx) {
        if (isUpgrade(ctx)) {
            ctx.next();
            return;
        }
        String media = MediaTypes.negotiate(ctx.request().getHeader(HttpHeaders.ACCEPT));
        if (media == null) {
            refuse(ctx, 406, MediaTypes.JSON,
                    RequestProblem.badInput("This endpoint answers " + MediaTypes.GRAPHQL_RESPONSE + " or " + MediaTypes.JSON
                            + "; the Accept header allows neither"));
            return;
        }
        HttpMethod method = ctx.request().method();
        AnswerMemo.Slot slot = method == HttpMethod.POST || method == HttpMethod.GET ? memo.slot(ctx, media) : null;
        if (slot != null && memo.answer(ctx, slot)) {
            return;
        }
        GraphQLRequest request;
        try {
            if (method == HttpMethod.POST) {
                GraphQLRequest lifted = bulk.lift(ctx, JsonValues.readers());
                request = lifted != null ? lifted : GraphQLRequest.fromBody(ctx);
            } else if (method == HttpMethod.GET) {
                request = GraphQLRequest.fromQueryString(ctx.queryParams());
            } else {
                ctx.response().putHeader(HttpHeaders.ALLOW, "GET, POST");
                refuse(ctx, 405, media, RequestProblem.badInput("Use POST (or GET for queries)"));
                return;
            }
        } catch (GraphQLRequest.Malformed e) {
            refuse(ctx, e.status, media, RequestProblem.badInput(e.getMessage()));
            return;
        }
        PersistedQueries.Resolved now = gate.resolveNow(request.query(), request.extensions());
        if (now != PersistedQueries.LATER) {
            run(ctx, media, method, request, now, slot);
            return;
        }
        Context context = Vertx.currentContext();
        gate.resolve(request.query(), request.extensions()).subscribe().with(resolved -> {
            if (Vertx.currentContext() == context) {
                run(ctx, media, method, request, resolved, slot);
            } else {
                context.runOnContext(ignored -> run(ctx, media, method, request, resolved, slot));
            }
        }, failure -> {
            LOG.warnf("A persisted query could not be looked up (%s)", failure.getClass().getSimpleName());
            refuse(ctx, 503, media, new RequestProblem("UPSTREAM_UNAVAILABLE",
                    "The persisted query store cannot be reached; send the query text"));
        });
    }

    private void run(RoutingContext ctx, String media, HttpMethod method, GraphQLRequest request,
            PersistedQueries.Resolved resolved, AnswerMemo.Slot slot) {
        if (resolved == null) {
            refuse(ctx, 400, media, RequestProblem.badInput("The request has no query (send \"query\", or a persisted "
                    + "query hash in extensions.persistedQuery)"));
            return;
        }
        if (resolved.problem() != null) {
            requestError(ctx, media, resolved.problem());
            return;
        }
        DocumentCheck.Facts facts = gate.document(resolved.query());
        if (facts.problem() != null) {
            requestError(ctx, media, RequestProblem.badInput(facts.problem()));
            return;
        }
        OperationDefinition.Operation kind = facts.kindOf(request.operationName());
        // no kind: no operation is selected (several without an operationName, or a name the document lacks), which
        // graphql-java answers with its request error, on either method, before anything runs
        if (method == HttpMethod.GET && kind != null && kind != OperationDefinition.Operation.QUERY) {
            ctx.response().putHeader(HttpHeaders.ALLOW, "POST");
            refuse(ctx, 405, media, RequestProblem.badInput(
                    "Only queries may be sent with GET; send a " + kind.name().toLowerCase(Locale.ROOT) + " with POST"));
            return;
        }
        if (kind == OperationDefinition.Operation.SUBSCRIPTION) {
            requestError(ctx, media, RequestProblem.badInput(
                    "Subscriptions are served over WebSocket at /graphql (graphql-transport-ws)"));
            return;
        }
        String tooBig = gate.variables(request.variables());
        if (tooBig != null) {
            requestError(ctx, media, RequestProblem.badInput(tooBig));
            return;
        }
        AnswerMemo.Slot keep = slot != null && facts.reusable(request.operationName()) ? slot : null;
        if (facts.lean(request.operationName())) {
            executeLean(ctx, media, request, resolved.query(), keep);
        } else {
            execute(ctx, media, request.toExecutionInput(resolved.query()), keep);
        }
    }

    /** Runs a query of direct fields only on {@link LeanExecution}: no request context, no SmallRye context. */
    private void executeLean(RoutingContext ctx, String media, GraphQLRequest request, String query,
            AnswerMemo.Slot keep) {
        ResponseNotes.open();
        ResponseWriter writer = new ResponseWriter(ctx, media, memo, keep);
        if (ctx.user() instanceof QuarkusHttpUser user) {
            lean.execute(query, request.operationName(), request.variables(), user.getSecurityIdentity(), writer);
        } else {
            lean.execute(query, request.operationName(), request.variables(),
                    QuarkusHttpUser.getSecurityIdentity(ctx, null), writer);
        }
    }

    /** Runs the operation the way Quarkus' own handler does: request context, caller identity, async execution. */
    private void execute(RoutingContext ctx, String media, JsonObject input, AnswerMemo.Slot keep) {
        ManagedContext requestContext = Arc.container().requestContext();
        requestContext.activate();
        InjectableContext.ContextState state = requestContext.getState();
        ctx.response().endHandler(ignored -> requestContext.destroy(state));
        try {
            if (identities.isResolvable()) {
                QuarkusHttpUser user = (QuarkusHttpUser) ctx.user();
                CurrentIdentityAssociation association = identities.get();
                if (user != null) {
                    association.setIdentity(user.getSecurityIdentity());
                } else {
                    association.setIdentity(QuarkusHttpUser.getSecurityIdentity(ctx, null));
                }
            }
            currentRequest.setCurrent(ctx);
            ResponseNotes.open();
            Map<String, Object> metadata = new ConcurrentHashMap<>();
            metadata.put("runBlocking", false);
            metadata.put("httpHeaders", headers(ctx.request().headers()));
            metadata.put("state", state);
            executionService().executeAsync(input, metadata, new ResponseWriter(ctx, media, memo, keep));
        } finally {
            io.smallrye.graphql.execution.context.SmallRyeContextManager.clearCurrentSmallRyeContext();
            requestContext.deactivate();
        }
    }

    private ExecutionService executionService() {
        ExecutionService service = execution;
        if (service == null) {
            service = Arc.container().instance(ExecutionService.class).get();
            execution = service;
        }
        return service;
    }

    private static Map<String, List<String>> headers(MultiMap headers) {
        Map<String, List<String>> copy = new HashMap<>();
        for (String name : headers.names()) {
            copy.put(name, headers.getAll(name));
        }
        return copy;
    }

    /** A document-level refusal: 400 for {@code application/graphql-response+json}, 200 for legacy JSON callers. */
    private static void requestError(RoutingContext ctx, String media, RequestProblem problem) {
        refuse(ctx, media.equals(MediaTypes.GRAPHQL_RESPONSE) ? 400 : 200, media, problem);
    }

    static void refuse(RoutingContext ctx, int status, String media, RequestProblem problem) {
        if (ctx.response().ended()) {
            return;
        }
        JsonObject error = JsonValues.JSON.createObjectBuilder()
                .add("errors", JsonValues.JSON.createArrayBuilder().add(JsonValues.JSON.createObjectBuilder()
                        .add("message", problem.message())
                        .add("extensions", JsonValues.JSON.createObjectBuilder().add("code", problem.code()))))
                .build();
        ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, media + "; charset=utf-8")
                .end(error.toString());
    }
}
