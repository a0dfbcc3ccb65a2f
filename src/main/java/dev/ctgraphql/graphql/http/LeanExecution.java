package dev.ctgraphql.graphql.http;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.json.JsonObject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.graphql.api.Context;
import io.smallrye.graphql.execution.ExecutionResponse;
import io.smallrye.graphql.execution.error.ExceptionHandler;
import io.smallrye.mutiny.Uni;

import dev.ctgraphql.graphql.DirectQuery;
import dev.ctgraphql.security.RoleGuard;
import dev.ctgraphql.upstream.ResponseNotes;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.execution.AsyncExecutionStrategy;
import graphql.execution.ExecutionId;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import graphql.schema.DataFetcher;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;

/**
 * Runs queries made only of {@link DirectQuery} fields on graphql-java directly, with one {@link GraphQL} built at
 * start over the schema SmallRye built (same types, same role guard, same error codes through SmallRye's exception
 * handler), parsed and validated documents kept by their text, and none of SmallRye's per-request and per-field work:
 * no JSON-P input object, no context copies per field, no CDI request context, no reflective calls. Everything else
 * (other fields, mutations, subscriptions) stays with SmallRye's executor.
 *
 * <p>
 * Validation depends only on the document and the schema, never on variables or on the caller, so a kept document
 * skips nothing a caller needs: roles are checked per field at execution, variables are coerced on every request.
 */
@ApplicationScoped
class LeanExecution {

    private static final Logger LOG = Logger.getLogger(LeanExecution.class);
    /** The meter SmallRye GraphQL records every operation in; kept for the lean fields too. */
    private static final String METRIC = "mp_graphql";
    /** What {@link #prime()} runs: no field, no caller, named so that it is no caller's document. */
    static final String PRIMING = "query StartupPriming { __typename }";

    private final GraphQL graphQL;
    private final Set<String> fields;
    private final Cache<String, PreparsedDocumentEntry> documents = Caffeine.newBuilder().maximumSize(2000).build();
    private final AtomicLong executions = new AtomicLong();
    /** Null when SmallRye's GraphQL tracing is turned off. */
    private final Tracer tracer;

    LeanExecution(GraphQLSchema schema, Instance<DirectQuery> queries, MeterRegistry registry, Tracer tracer,
            @ConfigProperty(name = "quarkus.smallrye-graphql.tracing.enabled", defaultValue = "true") boolean traced) {
        this.tracer = traced ? tracer : null;
        GraphQLCodeRegistry.Builder code = GraphQLCodeRegistry.newCodeRegistry(schema.getCodeRegistry());
        Set<String> lean = new HashSet<>();
        for (DirectQuery query : queries) {
            GraphQLFieldDefinition field = schema.getQueryType().getFieldDefinition(query.field());
            Map<String, Map<String, DataFetcher<?>>> outputs = query.outputs();
            String missing = field == null
                    ? "the field is not in the schema"
                    : uncovered(field.getType(), outputs, new HashSet<>());
            if (missing != null) {
                LOG.warnf("Query.%s stays on SmallRye's executor: %s", query.field(), missing);
                continue;
            }
            Timer timer = Timer.builder(METRIC).tags("name", query.field(), "type", "QUERY", "source", "false")
                    .register(registry);
            DataFetcher<?> direct = environment -> {
                long start = System.nanoTime();
                Object answer;
                try {
                    answer = query.fetch(environment);
                } catch (RuntimeException e) {
                    timer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                    throw e;
                }
                if (answer instanceof Uni<?> later) {
                    return later.onTermination().invoke(() -> timer.record(System.nanoTime() - start,
                            TimeUnit.NANOSECONDS)).subscribeAsCompletionStage();
                }
                timer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                return answer;
            };
            code.dataFetcher(FieldCoordinates.coordinates("Query", query.field()),
                    RoleGuard.guarded("Query", query.field(), direct));
            outputs.forEach((type, accessors) -> accessors
                    .forEach((name, fetcher) -> code.dataFetcher(FieldCoordinates.coordinates(type, name), fetcher)));
            lean.add(query.field());
        }
        this.fields = Set.copyOf(lean);
        GraphQLSchema own = schema.transform(builder -> builder.codeRegistry(code.build()));
        ExceptionHandler errors = new ExceptionHandler();
        this.graphQL = GraphQL.newGraphQL(own)
                .queryExecutionStrategy(new AsyncExecutionStrategy(errors))
                .defaultDataFetcherExceptionHandler(errors)
                .instrumentation(SimplePerformantInstrumentation.INSTANCE)
                .preparsedDocumentProvider(new KeptDocuments())
                .build();
        LOG.debugf("Query fields answered by the lean executor: %s", fields);
    }

    /**
     * Parses, validates and runs {@link #PRIMING} once and writes its answer, so that the first caller does not pay for
     * the first use of the parser, the validator, the executor and the answer writer (class loading, one-time set-up).
     * No data fetcher runs, nothing is sent anywhere, and the count of executions is left as it was.
     */
    void prime() {
        ExecutionResult result = graphQL.execute(ExecutionInput.newExecutionInput()
                .query(PRIMING)
                .executionId(ExecutionId.from("startup-priming"))
                .build());
        AnswerJson.write(new ExecutionResponse(result).getExecutionResult().getData());
    }

    /** How many requests this executor ran (tests). */
    long executed() {
        return executions.get();
    }

    /** The Query fields this executor answers. */
    Set<String> fields() {
        return fields;
    }

    /**
     * Runs a query of {@link #fields()} only and hands the answer to {@code writer}; the request's
     * {@link ResponseNotes} must be open on the current Vert.x context.
     */
    void execute(String query, String operationName, JsonObject variables, SecurityIdentity caller,
            ResponseWriter writer) {
        Map<String, Object> values = variables == null || variables.isEmpty()
                ? Map.of()
                : Context.VariablesParser.toMap(variables).orElse(Map.of());
        ExecutionInput input = ExecutionInput.newExecutionInput()
                .query(query)
                .operationName(operationName)
                // graphql-java's default draws a random UUID (SecureRandom) for every execution
                .executionId(ExecutionId.from(Long.toString(executions.incrementAndGet())))
                .variables(values)
                .graphQLContext(context -> RoleGuard.putCaller(context, caller))
                .build();
        // a span like SmallRye's per execution, only inside a recorded trace: a look at the current span otherwise
        Span span = tracer != null && Span.current().isRecording() ? span(input, operationName) : null;
        CompletableFuture<ExecutionResult> result;
        try (Scope scope = span == null ? null : span.makeCurrent()) {
            result = graphQL.executeAsync(input);
        } catch (RuntimeException e) {
            if (span != null) {
                span.end();
            }
            writer.fail(e);
            return;
        }
        if (span != null) {
            result.whenComplete((answer, failure) -> span.end());
        }
        result.whenComplete((answer, failure) -> {
            if (failure != null) {
                writer.fail(failure);
            } else {
                writer.write(new ExecutionResponse(answer));
            }
        });
    }

    private Span span(ExecutionInput input, String operationName) {
        return tracer.spanBuilder(operationName == null ? "GraphQL" : "GraphQL:" + operationName)
                .setAttribute("graphql.executionId", input.getExecutionId().toString())
                .setAttribute("graphql.operationType", "QUERY")
                .setAttribute("graphql.operationName", operationName == null ? "" : operationName)
                .startSpan();
    }

    /** Same as {@link #execute} once the caller is known: at once when it already is, else when it has been resolved. */
    void execute(String query, String operationName, JsonObject variables, Uni<SecurityIdentity> caller,
            ResponseWriter writer) {
        caller.subscribe().with(identity -> execute(query, operationName, variables, identity, writer), writer::fail);
    }

    /** The first object type or field of {@code type}'s answers without an accessor in {@code outputs}; null if none. */
    private static String uncovered(GraphQLType type, Map<String, Map<String, DataFetcher<?>>> outputs,
            Set<String> seen) {
        GraphQLType inner = GraphQLTypeUtil.unwrapAll(type);
        if (!(inner instanceof GraphQLObjectType object)) {
            return GraphQLTypeUtil.isLeaf(inner)
                    ? null
                    : "type " + GraphQLTypeUtil.simplePrint(inner)
                            + " is not an object, scalar or enum type";
        }
        if (!seen.add(object.getName())) {
            return null;
        }
        Map<String, DataFetcher<?>> accessors = outputs.getOrDefault(object.getName(), Map.of());
        for (GraphQLFieldDefinition field : object.getFieldDefinitions()) {
            if (!accessors.containsKey(field.getName())) {
                return "no accessor for " + object.getName() + "." + field.getName();
            }
            String missing = uncovered(field.getType(), outputs, seen);
            if (missing != null) {
                return missing;
            }
        }
        return null;
    }

    /** Parsed and validated documents by their text (the endpoint bounds the text's length before it gets here). */
    private final class KeptDocuments implements PreparsedDocumentProvider {
        @Override
        public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(ExecutionInput input,
                Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
            PreparsedDocumentEntry entry = documents.getIfPresent(input.getQuery());
            if (entry == null) {
                entry = parseAndValidate.apply(input);
                documents.put(input.getQuery(), entry);
            }
            return CompletableFuture.completedFuture(entry);
        }
    }
}
