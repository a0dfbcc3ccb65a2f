package dev.ctgraphql.graphql.http;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.graphql.api.Context;
import io.smallrye.graphql.execution.ExecutionResponse;
import io.smallrye.graphql.execution.error.ExceptionHandler;
import io.smallrye.graphql.schema.model.Schema;
import io.smallrye.graphql.spi.config.Config;
import io.smallrye.mutiny.Uni;

import dev.ctgraphql.security.RoleGuard;
import dev.ctgraphql.upstream.ResponseNotes;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.execution.ExecutionId;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import graphql.schema.DataFetcher;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLSchema;
import graphql.schema.visibility.DefaultGraphqlFieldVisibility;

/**
 * Runs queries made only of lean Query fields (every Query field but {@link #EXCLUDED}; documents mixing several of
 * them too) on graphql-java directly, with one {@link GraphQL} built at start over the schema SmallRye built (same
 * types, same role guard, same error codes through SmallRye's exception handler), parsed and validated documents kept
 * by their text, and none of SmallRye's per-request and per-field work: no JSON-P input object, no JSON-B argument
 * conversion, no context copies per field, no CDI request context or bean lookups, no reflective calls. The fetchers
 * are derived at start from SmallRye's schema model ({@link LeanFields}), and root fields' answers are completed by
 * {@link LeanCompletion}. A field whose answer needs something not derived here stays on SmallRye's executor, named in
 * a warning at start; mutations, subscriptions and WebSocket operations stay there too.
 *
 * <p>
 * Validation depends only on the document and the schema, never on variables or on the caller, so a kept document
 * skips nothing a caller needs: roles are checked per field at execution, variables are coerced on every request.
 */
@ApplicationScoped
class LeanExecution {

    private static final Logger LOG = Logger.getLogger(LeanExecution.class);
    /**
     * Query fields deliberately left on SmallRye's executor, with the reason: they need what only SmallRye's request
     * handling provides.
     */
    static final Map<String, String> EXCLUDED = Map.of("viewer",
            "reads the caller through CDI's request-scoped SecurityIdentity, which only SmallRye's path activates");
    /** What {@link #prime()} runs: no field, no caller, named so that it is no caller's document. */
    static final String PRIMING = "query StartupPriming { __typename }";

    private final GraphQL graphQL;
    /** The query strategy, with its own completion of root fields' answers. */
    private final LeanCompletion completion;
    private final Set<String> fields;
    private final Map<String, String> refused;
    /** The batched {@code @Source} fields' loaders (a registry per request for documents that select one). */
    private final LeanFields built;
    private final Set<String> batchedFields;
    private final Cache<String, PreparsedDocumentEntry> documents = Caffeine.newBuilder().maximumSize(2000).build();
    private final AtomicLong executions = new AtomicLong();
    /** Null when SmallRye's GraphQL tracing is turned off. */
    private final Tracer tracer;

    LeanExecution(GraphQLSchema schema, MeterRegistry registry, Tracer tracer,
            @ConfigProperty(name = "quarkus.smallrye-graphql.tracing.enabled", defaultValue = "true") boolean traced) {
        this.tracer = traced ? tracer : null;
        GraphQLCodeRegistry.Builder code = GraphQLCodeRegistry.newCodeRegistry(schema.getCodeRegistry());
        Schema model = SmallRyeModel.read();
        LeanFields built = model == null ? null : new LeanFields(model, schema, SmallRyeModel::bean, registry);
        Set<String> lean = new HashSet<>();
        Map<String, String> refused = new TreeMap<>();
        for (GraphQLFieldDefinition field : schema.getQueryType().getFieldDefinitions()) {
            String name = field.getName();
            try {
                if (EXCLUDED.containsKey(name)) {
                    throw new LeanArguments.Unsupported(EXCLUDED.get(name));
                }
                if (built == null) {
                    throw new LeanArguments.Unsupported("SmallRye's schema model could not be read");
                }
                DataFetcher<?> fetcher = built.query(name);
                built.cover(field.getType());
                code.dataFetcher(FieldCoordinates.coordinates("Query", name), RoleGuard.guarded("Query", name, fetcher));
                lean.add(name);
            } catch (LeanArguments.Unsupported e) {
                refused.put(name, e.getMessage());
            }
        }
        if (built != null) {
            built.install(code);
        }
        this.fields = Set.copyOf(lean);
        this.refused = Map.copyOf(refused);
        this.built = built;
        this.batchedFields = built == null ? Set.of() : built.batchedFields();
        if (Config.FIELD_VISIBILITY_DEFAULT.equals(Config.get().getFieldVisibility())) {
            // SmallRye installs a field filter even when it blocks nothing; it is asked at every field of every answer
            code.fieldVisibility(DefaultGraphqlFieldVisibility.DEFAULT_FIELD_VISIBILITY);
        }
        // the same types with this executor's code registry: no rebuild and no second validation of the whole schema
        GraphQLSchema own = schema.transformWithoutTypes(builder -> builder.codeRegistry(code.build()));
        ExceptionHandler errors = new ExceptionHandler();
        this.completion = new LeanCompletion(errors);
        this.graphQL = GraphQL.newGraphQL(own)
                .queryExecutionStrategy(completion)
                .defaultDataFetcherExceptionHandler(errors)
                .instrumentation(SimplePerformantInstrumentation.INSTANCE)
                .preparsedDocumentProvider(new KeptDocuments())
                .build();
        if (!refused.isEmpty()) {
            LOG.warnf("Query fields left on SmallRye's executor: %s", refused);
        }
        LOG.debugf("Query fields answered by the lean executor: %s", fields);
    }

    /** The Query fields left on SmallRye's executor, with the reason (tests, and the warning at start). */
    Map<String, String> refused() {
        return refused;
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

    /** The query strategy (tests: which answers it completed itself). */
    LeanCompletion completion() {
        return completion;
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
        ExecutionInput.Builder builder = ExecutionInput.newExecutionInput();
        if (selectsBatched(query)) {
            builder.dataLoaderRegistry(built.loaders());
        }
        ExecutionInput input = builder
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

    /** Whether the document may select a batched field (a loader registry costs little, a missing one fails). */
    private boolean selectsBatched(String query) {
        for (String name : batchedFields) {
            if (query.contains(name)) {
                return true;
            }
        }
        return false;
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
