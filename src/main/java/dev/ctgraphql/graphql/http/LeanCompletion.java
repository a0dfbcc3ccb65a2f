package dev.ctgraphql.graphql.http;

import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import graphql.execution.AsyncExecutionStrategy;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.DataFetcherResult;
import graphql.execution.ExecutionContext;
import graphql.execution.ExecutionStrategyParameters;
import graphql.execution.FieldCollectorParameters;
import graphql.execution.FieldValueInfo;
import graphql.execution.MergedField;
import graphql.execution.MergedSelectionSet;
import graphql.execution.ResultNodesInfo;
import graphql.execution.ResultPath;
import graphql.introspection.Introspection;
import graphql.schema.CoercingSerializeException;
import graphql.schema.DataFetcher;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLOutputType;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;

/**
 * graphql-java's query strategy, with a completion of its own for what a root field answers: the selection is collected
 * by graphql-java's field collector once per field and type (not once per object), record fields are read through
 * their accessors, scalars and enums serialised by the schema's own coercings, and the result maps built directly,
 * without graphql-java's per-field parameters, step infos, fetching environments, instrumentation calls and futures.
 * Batched {@code @Source} fields are called once per round with every source met so far, without a data loader.
 *
 * <p>
 * It completes only answers it gives exactly as graphql-java would: objects (no interfaces or unions), lists,
 * scalars, enums, {@code __typename}, accessor and source-only batched fields, and no error of any kind. Anything else
 * (a null where the schema promises a value, a value a scalar refuses, a failed batched call, another kind of field) is
 * handed back to graphql-java's own completion of the whole root field, which then gives the errors as it always does;
 * batched outcomes already got are passed on (see {@link LeanFields.BatchedFetcher}), so no method is called twice.
 */
final class LeanCompletion extends AsyncExecutionStrategy {

    /**
     * What each enum type's serialisation gave for a Java constant: graphql-java looks the name up among the type's
     * values on every call, and the answer for a constant never changes.
     */
    private final Map<GraphQLEnumType, Map<Enum<?>, Object>> enumNames = new ConcurrentHashMap<>();

    /** Root fields this completion answered itself, and those it handed back to graphql-java's (tests). */
    private final LongAdder walked = new LongAdder();
    private final LongAdder handedBack = new LongAdder();

    LeanCompletion(DataFetcherExceptionHandler errors) {
        super(errors);
    }

    /** How many root fields' answers this completion gave itself (tests). */
    long walked() {
        return walked.sum();
    }

    /** How many root fields' answers it left to graphql-java after starting a walk (tests). */
    long handedBack() {
        return handedBack.sum();
    }

    @Override
    protected FieldValueInfo completeValue(ExecutionContext context, ExecutionStrategyParameters parameters) {
        Object value = context.getValueUnboxer().unbox(parameters.getSource());
        GraphQLType type = parameters.getExecutionStepInfo().getUnwrappedNonNullType();
        ResultPath path = parameters.getPath();
        // a root field's own value (an item of a root list has a path below it, and graphql-java's completion of it)
        if (!path.isNamedSegment() || !path.getParent().isRootPath() || value == null || !(type instanceof GraphQLList
                || type instanceof GraphQLObjectType) || context.hasIncrementalSupport()
                || context.getGraphQLContext().hasKey(ResultNodesInfo.MAX_RESULT_NODES)) {
            return super.completeValue(context, parameters);
        }
        Walk walk = new Walk(context);
        Object answer;
        try {
            answer = walk.value(parameters.getExecutionStepInfo().getType(), parameters.getField(), value);
        } catch (Abort e) {
            handedBack.increment();
            return super.completeValue(context, parameters);
        }
        // graphql-java counts OBJECT and LIST infos to know what is left for it to execute: nothing here
        if (walk.pending.isEmpty()) {
            walked.increment();
            return new FieldValueInfo(FieldValueInfo.CompleteValueType.LIST, answer, List.of());
        }
        CompletableFuture<Object> done = new CompletableFuture<>();
        walk.resolve(answer, done, () -> fallBack(context, parameters, done));
        return new FieldValueInfo(FieldValueInfo.CompleteValueType.LIST, done, List.of());
    }

    /** graphql-java's completion of the root field, after the walk met something it does not give itself. */
    private void fallBack(ExecutionContext context, ExecutionStrategyParameters parameters, CompletableFuture<Object> done) {
        handedBack.increment();
        try {
            Object value = super.completeValue(context, parameters).getFieldValueObject();
            if (value instanceof CompletableFuture<?> later) {
                later.whenComplete((result, failure) -> {
                    if (failure != null) {
                        done.completeExceptionally(failure);
                    } else {
                        done.complete(result);
                    }
                });
            } else {
                done.complete(value);
            }
        } catch (RuntimeException e) {
            done.completeExceptionally(e);
        }
    }

    private Map<Enum<?>, Object> names(GraphQLEnumType type) {
        return enumNames.computeIfAbsent(type, ignored -> new ConcurrentHashMap<>());
    }

    /** The walk gives up: graphql-java completes the root field instead. */
    private static final class Abort extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final Abort INSTANCE = new Abort();

        private Abort() {
            super("left to graphql-java", null, false, false);
        }
    }

    /** How a field of an object type is answered. */
    private record Step(String key, MergedField field, GraphQLOutputType type, LeanFields.Accessor accessor,
            LeanFields.BatchedFetcher batched, boolean typename) {
    }

    /** A batched field left to fill in: {@code into.put(step.key, ...)} once the round's call answered. */
    private record Pending(Step step, Object source, Map<String, Object> into) {
    }

    /** One root field's completion. */
    private final class Walk {
        private final ExecutionContext context;
        private final Map<MergedField, Map<GraphQLObjectType, Step[]>> plans = new IdentityHashMap<>();
        private Map<String, Object> variables;
        List<Pending> pending = new ArrayList<>();
        /** Every round's calls so far, by field: the sources in call order and the call. */
        private final List<Map.Entry<LeanFields.BatchedFetcher, Map.Entry<List<Object>, CompletableFuture<Object>>>> called = new ArrayList<>();

        Walk(ExecutionContext context) {
            this.context = context;
        }

        Object value(GraphQLOutputType type, MergedField field, Object raw) {
            Object value = context.getValueUnboxer().unbox(raw);
            if (value == null) {
                if (GraphQLTypeUtil.isNonNull(type)) {
                    throw Abort.INSTANCE;
                }
                return null;
            }
            GraphQLType bare = GraphQLTypeUtil.unwrapNonNull(type);
            Object answer;
            if (bare instanceof GraphQLObjectType object) {
                return object(object, field, value);
            } else if (bare instanceof GraphQLList list) {
                if (!(value instanceof Collection<?> items)) {
                    throw Abort.INSTANCE;
                }
                GraphQLOutputType inner = (GraphQLOutputType) list.getWrappedType();
                List<Object> out = new ArrayList<>(items.size());
                for (Object item : items) {
                    if (item instanceof DataFetcherResult<?>) {
                        throw Abort.INSTANCE;
                    }
                    out.add(value(inner, field, item));
                }
                return out;
            } else if (bare instanceof GraphQLScalarType scalar) {
                try {
                    answer = scalar.getCoercing().serialize(value, context.getGraphQLContext(), context.getLocale());
                } catch (CoercingSerializeException e) {
                    throw Abort.INSTANCE;
                }
            } else if (bare instanceof GraphQLEnumType enumeration) {
                answer = value instanceof Enum<?> constant ? names(enumeration).get(constant) : null;
                if (answer == null) {
                    try {
                        answer = enumeration.serialize(value, context.getGraphQLContext(), context.getLocale());
                    } catch (CoercingSerializeException e) {
                        throw Abort.INSTANCE;
                    }
                    if (value instanceof Enum<?> constant && answer != null) {
                        names(enumeration).put(constant, answer);
                    }
                }
            } else {
                throw Abort.INSTANCE;
            }
            if (answer == null && GraphQLTypeUtil.isNonNull(type)) {
                throw Abort.INSTANCE;
            }
            return answer;
        }

        private Map<String, Object> object(GraphQLObjectType type, MergedField field, Object source) {
            Step[] steps = plans.computeIfAbsent(field, ignored -> new IdentityHashMap<>())
                    .computeIfAbsent(type, ignored -> plan(type, field));
            Map<String, Object> out = new LinkedHashMap<>(steps.length * 4 / 3 + 1);
            for (Step step : steps) {
                if (step.typename()) {
                    out.put(step.key(), type.getName());
                } else if (step.accessor() != null) {
                    out.put(step.key(), value(step.type(), step.field(), step.accessor().read(source)));
                } else {
                    out.put(step.key(), null);
                    pending.add(new Pending(step, source, out));
                }
            }
            return out;
        }

        /** The fields selected on {@code type} under {@code field}, collected as graphql-java collects them. */
        private Step[] plan(GraphQLObjectType type, MergedField field) {
            if (variables == null) {
                variables = context.getCoercedVariables().toMap();
            }
            FieldCollectorParameters parameters = FieldCollectorParameters.newParameters()
                    .schema(context.getGraphQLSchema())
                    .objectType(type)
                    .fragments(context.getFragmentsByName())
                    .variables(variables)
                    .graphQLContext(context.getGraphQLContext())
                    .build();
            MergedSelectionSet selected = fieldCollector.collectFields(parameters, field, false);
            Step[] steps = new Step[selected.size()];
            int i = 0;
            for (Map.Entry<String, MergedField> entry : selected.getSubFields().entrySet()) {
                MergedField sub = entry.getValue();
                GraphQLFieldDefinition definition = getFieldDef(context.getGraphQLSchema(), type, sub.getSingleField());
                if (definition == Introspection.TypeNameMetaFieldDef) {
                    steps[i++] = new Step(entry.getKey(), sub, definition.getType(), null, null, true);
                    continue;
                }
                DataFetcher<?> fetcher = context.getGraphQLSchema().getCodeRegistry().getDataFetcher(type, definition);
                if (fetcher instanceof LeanFields.Accessor accessor) {
                    steps[i++] = new Step(entry.getKey(), sub, definition.getType(), accessor, null, false);
                } else if (fetcher instanceof LeanFields.BatchedFetcher batched && batched.sourcesOnly()) {
                    steps[i++] = new Step(entry.getKey(), sub, definition.getType(), null, batched, false);
                } else {
                    throw Abort.INSTANCE;
                }
            }
            return steps;
        }

        /**
         * Calls the batched fields left pending, one call per field with all their sources, completes their answers
         * (which may leave more pending: the next round) and then completes {@code done} with {@code answer}; runs
         * {@code fallBack} instead when a call fails or an answer is not one the walk gives itself.
         */
        void resolve(Object answer, CompletableFuture<Object> done, Runnable fallBack) {
            if (pending.isEmpty()) {
                walked.increment();
                done.complete(answer);
                return;
            }
            List<Pending> round = pending;
            pending = new ArrayList<>();
            Map<LeanFields.BatchedFetcher, List<Pending>> groups = new LinkedHashMap<>();
            for (Pending one : round) {
                groups.computeIfAbsent(one.step().batched(), ignored -> new ArrayList<>()).add(one);
            }
            List<CompletableFuture<Object>> calls = new ArrayList<>(groups.size());
            for (Map.Entry<LeanFields.BatchedFetcher, List<Pending>> group : groups.entrySet()) {
                List<Object> sources = new ArrayList<>(group.getValue().size());
                for (Pending one : group.getValue()) {
                    sources.add(one.source());
                }
                CompletableFuture<Object> call;
                try {
                    call = LeanFields.stage(group.getKey().call(sources));
                } catch (RuntimeException e) {
                    call = CompletableFuture.failedFuture(e);
                }
                calls.add(call);
                called.add(Map.entry(group.getKey(), Map.entry(sources, call)));
            }
            CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).whenComplete((ignored, failure) -> {
                if (failure != null) {
                    remember();
                    fallBack.run();
                    return;
                }
                try {
                    int g = 0;
                    for (List<Pending> group : groups.values()) {
                        List<?> results = (List<?>) calls.get(g++).join();
                        for (int i = 0; i < group.size(); i++) {
                            Pending one = group.get(i);
                            Object result = i < results.size() ? results.get(i) : null;
                            one.into().put(one.step().key(), value(one.step().type(), one.step().field(), result));
                        }
                    }
                } catch (RuntimeException e) {
                    remember();
                    fallBack.run();
                    return;
                }
                resolve(answer, done, fallBack);
            });
        }

        /** Leaves every outcome got so far for graphql-java's completion (no method is called twice). */
        private void remember() {
            for (Map.Entry<LeanFields.BatchedFetcher, Map.Entry<List<Object>, CompletableFuture<Object>>> one : called) {
                Map<Object, CompletableFuture<Object>> known = context.getGraphQLContext()
                        .computeIfAbsent(one.getKey().known(), ignored -> new IdentityHashMap<>());
                List<Object> sources = one.getValue().getKey();
                CompletableFuture<Object> call = one.getValue().getValue();
                for (int i = 0; i < sources.size(); i++) {
                    known.put(sources.get(i), outcome(call, i));
                }
            }
        }

        /** The i-th answer of a call, failing with the call's own failure (not wrapped) when it failed. */
        private static CompletableFuture<Object> outcome(CompletableFuture<Object> call, int i) {
            CompletableFuture<Object> outcome = new CompletableFuture<>();
            call.whenComplete((results, failure) -> {
                if (failure != null) {
                    outcome.completeExceptionally(failure instanceof CompletionException wrapped
                            && wrapped.getCause() != null ? wrapped.getCause() : failure);
                } else {
                    List<?> values = (List<?>) results;
                    outcome.complete(i < values.size() ? values.get(i) : null);
                }
            });
            return outcome;
        }
    }
}
