package dev.ctgraphql.graphql.http;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

import org.dataloader.BatchLoaderEnvironment;
import org.dataloader.BatchLoaderWithContext;
import org.dataloader.DataLoader;
import org.dataloader.DataLoaderFactory;
import org.dataloader.DataLoaderOptions;
import org.dataloader.DataLoaderRegistry;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.graphql.schema.model.Argument;
import io.smallrye.graphql.schema.model.Field;
import io.smallrye.graphql.schema.model.Operation;
import io.smallrye.graphql.schema.model.Schema;
import io.smallrye.graphql.schema.model.Type;
import io.smallrye.graphql.transformation.TransformException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniSubscriber;
import io.smallrye.mutiny.subscription.UniSubscription;

import dev.ctgraphql.graphql.http.LeanArguments.Reader;
import dev.ctgraphql.graphql.http.LeanArguments.Unsupported;

import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLInterfaceType;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import graphql.schema.GraphQLUnionType;
import graphql.schema.LightDataFetcher;

/**
 * The data fetchers of the lean executor, derived once at start from SmallRye's schema model (the same facts SmallRye
 * executes from): root fields call their {@code <Domain>GraphQLApi} bean method through a method handle with arguments
 * read by {@link LeanArguments}; fields of answer types read their record accessor or getter through a method handle
 * (as graphql-java "light" fetchers, without a per-field environment); {@code @Source} fields call their method per
 * object, batched ones once per level through a data loader, as SmallRye does. No reflection, JSON-B or SmallRye context
 * while serving.
 */
final class LeanFields {

    /** The meter SmallRye GraphQL records every operation in (root and {@code @Source} fields). */
    static final String METRIC = "mp_graphql";

    private final Schema model;
    private final GraphQLSchema schema;
    private final LeanArguments arguments;
    private final Function<Class<?>, Object> beans;
    private final MeterRegistry registry;
    private final Map<FieldCoordinates, DataFetcher<?>> fetchers = new HashMap<>();
    /** Object types looked at: "" when every field has a fetcher, else why not; null while being covered (cycles). */
    private final Map<String, String> covered = new HashMap<>();
    private final Map<String, Batched> batches = new LinkedHashMap<>();
    private final Map<String, Operation> queries = new HashMap<>();

    /** {@code beans}: the application's bean of an API class, looked up once per class at start. */
    LeanFields(Schema model, GraphQLSchema schema, Function<Class<?>, Object> beans, MeterRegistry registry) {
        this.model = model;
        this.schema = schema;
        this.arguments = new LeanArguments(model);
        this.beans = beans;
        this.registry = registry;
        for (Operation query : model.getQueries()) {
            queries.put(query.getName(), query);
        }
    }

    /** The fetcher of the Query field {@code name}: its API method, called with its arguments read. */
    DataFetcher<?> query(String name) throws Unsupported {
        Operation operation = queries.get(name);
        if (operation == null) {
            throw new Unsupported("not a query operation of SmallRye's model");
        }
        Invoker invoker = new Invoker(operation);
        return invoker::fetch;
    }

    /** Makes sure every object type an answer of {@code type} can contain has a lean fetcher for each of its fields. */
    void cover(GraphQLType type) throws Unsupported {
        GraphQLType inner = GraphQLTypeUtil.unwrapAll(type);
        if (inner instanceof GraphQLObjectType object) {
            coverObject(object);
        } else if (inner instanceof GraphQLInterfaceType face) {
            for (GraphQLObjectType object : schema.getImplementations(face)) {
                coverObject(object);
            }
        } else if (inner instanceof GraphQLUnionType union) {
            for (GraphQLType member : union.getTypes()) {
                cover(member);
            }
        } else if (!GraphQLTypeUtil.isLeaf(inner)) {
            throw new Unsupported("type " + GraphQLTypeUtil.simplePrint(inner) + " is not answered without SmallRye");
        }
    }

    private void coverObject(GraphQLObjectType object) throws Unsupported {
        String name = object.getName();
        if (covered.containsKey(name)) {
            String problem = covered.get(name);
            if (problem != null && !problem.isEmpty()) {
                throw new Unsupported(problem);
            }
            return;
        }
        covered.put(name, null);
        try {
            Type type = model.getTypes().get(name);
            if (type == null) {
                throw new Unsupported("type " + name + " is not in SmallRye's model");
            }
            Class<?> java = LeanArguments.load(type.getClassName());
            for (GraphQLFieldDefinition field : object.getFieldDefinitions()) {
                fetchers.put(FieldCoordinates.coordinates(name, field.getName()), fetcher(type, java, field.getName()));
                cover(field.getType());
            }
            covered.put(name, "");
        } catch (Unsupported e) {
            covered.put(name, e.getMessage());
            throw e;
        }
    }

    private DataFetcher<?> fetcher(Type type, Class<?> java, String name) throws Unsupported {
        Field field = type.getFields().get(name);
        if (field != null) {
            return accessor(type.getName(), java, field);
        }
        Operation batched = type.getBatchOperations().get(name);
        if (batched != null) {
            String loader = type.getName() + "." + name;
            Invoker invoker = new Invoker(batched);
            batches.put(loader, new Batched(invoker));
            return new BatchedFetcher(loader, invoker);
        }
        Operation source = type.getOperations().get(name);
        if (source != null) {
            return new Invoker(source)::fetch;
        }
        throw new Unsupported("no field or @Source method for " + type.getName() + "." + name + " in SmallRye's model");
    }

    /** A light fetcher reading the answer object's accessor (record component, getter or public field). */
    private static DataFetcher<?> accessor(String typeName, Class<?> java, Field field) throws Unsupported {
        String where = typeName + "." + field.getName();
        if (field.hasTransformation() || field.isAdaptingTo() || field.isAdaptingWith()
                || field.getReference().isAdaptingTo() || field.getReference().isAdaptingWith()) {
            throw new Unsupported(where + " is transformed or adapted by SmallRye");
        }
        if (field.hasWrapper() && (field.getWrapper().isMap() || field.getWrapper().isUnknown())) {
            throw new Unsupported(where + " is a map or an unknown wrapper, which SmallRye adapts");
        }
        MethodHandle getter;
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            if (field.getMethodName() != null) {
                Method method = method(java, field.getMethodName(), new Class<?>[0]);
                getter = lookup.unreflect(method);
            } else {
                java.lang.reflect.Field property = java.getDeclaredField(field.getPropertyName());
                property.trySetAccessible();
                getter = lookup.unreflectGetter(property);
            }
        } catch (NoSuchFieldException | IllegalAccessException e) {
            throw new Unsupported(where + " cannot be read: " + e.getMessage());
        }
        return new Accessor(getter.asType(MethodType.methodType(Object.class, Object.class)));
    }

    private static Method method(Class<?> type, String name, Class<?>[] parameters) throws Unsupported {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                Method method = c.getDeclaredMethod(name, parameters);
                method.trySetAccessible();
                return method;
            } catch (NoSuchMethodException e) {
                // declared higher up, or on an interface
            }
        }
        try {
            return type.getMethod(name, parameters);
        } catch (NoSuchMethodException e) {
            throw new Unsupported(type.getName() + "." + name + Arrays.toString(parameters) + " not found");
        }
    }

    /**
     * The Uni's outcome as a plain future. {@link Uni#subscribeAsCompletionStage()} gives a context-propagating future
     * (with Quarkus' context propagation), and graphql-java chains a dozen stages on every field's future, each of which
     * would capture and restore the thread contexts; the lean executor needs none of them (no request context, the
     * response notes are taken when the request starts). {@code done} runs first (a timer: before anyone sees the
     * outcome).
     */
    @SuppressWarnings("unchecked")
    static CompletableFuture<Object> plain(Uni<?> uni, Runnable done) {
        CompletableFuture<Object> future = new CompletableFuture<>();
        ((Uni<Object>) uni).subscribe().withSubscriber(new UniSubscriber<Object>() {
            @Override
            public void onSubscribe(UniSubscription subscription) {
                // nothing to request: a Uni delivers its one outcome unasked
            }

            @Override
            public void onItem(Object item) {
                done.run();
                future.complete(item);
            }

            @Override
            public void onFailure(Throwable failure) {
                done.run();
                future.completeExceptionally(failure);
            }
        });
        return future;
    }

    /** Sets every fetcher built so far. */
    void install(GraphQLCodeRegistry.Builder code) {
        fetchers.forEach(code::dataFetcher);
    }

    /** A new registry of the batched fields' loaders, one per request; null when there are none. */
    DataLoaderRegistry loaders() {
        if (batches.isEmpty()) {
            return null;
        }
        DataLoaderRegistry loaders = new DataLoaderRegistry();
        batches.forEach((name, batch) -> loaders.register(name, batch.loader()));
        return loaders;
    }

    /** Whether some field is batched (requests then need {@link #loaders()}). */
    Set<String> batchedFields() {
        Set<String> names = new HashSet<>();
        for (String loader : batches.keySet()) {
            names.add(loader.substring(loader.indexOf('.') + 1));
        }
        return names;
    }

    /**
     * Reads a record accessor or getter; graphql-java calls it without building a fetching environment, and
     * {@link LeanCompletion} calls {@link #read} directly.
     */
    record Accessor(MethodHandle getter) implements LightDataFetcher<Object> {
        @Override
        public Object get(GraphQLFieldDefinition definition, Object source, Supplier<DataFetchingEnvironment> environment) {
            return read(source);
        }

        @Override
        public Object get(DataFetchingEnvironment environment) {
            return read(environment.getSource());
        }

        Object read(Object source) {
            if (source == null) {
                return null;
            }
            try {
                return getter.invokeExact(source);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** One API method (a root field or a {@code @Source} field) with its bean, argument readers and timer. */
    private final class Invoker {
        private final MethodHandle method;
        private final Object bean;
        private final String[] names;
        private final Argument[] models;
        private final Reader[] readers;
        private final int source;
        private final Timer timer;

        Invoker(Operation operation) throws Unsupported {
            List<Argument> list = operation.getArguments();
            int n = list.size();
            names = new String[n];
            models = list.toArray(Argument[]::new);
            readers = new Reader[n];
            Class<?>[] types = new Class<?>[n];
            int sourceAt = -1;
            for (int i = 0; i < n; i++) {
                Argument argument = list.get(i);
                names[i] = argument.getName();
                types[i] = LeanArguments.declared(argument);
                if (argument.isSourceArgument()) {
                    sourceAt = i;
                } else {
                    readers[i] = arguments.reader(argument);
                }
            }
            source = sourceAt;
            Class<?> api = LeanArguments.load(operation.getClassName());
            try {
                method = MethodHandles.lookup().unreflect(method(api, operation.getMethodName(), types))
                        .asSpreader(Object[].class, n)
                        .asType(MethodType.methodType(Object.class, Object.class, Object[].class));
            } catch (IllegalAccessException e) {
                throw new Unsupported(api.getName() + "." + operation.getMethodName() + " is not accessible");
            }
            bean = beans.apply(api);
            if (bean == null) {
                throw new Unsupported(api.getName() + " is not a bean");
            }
            timer = Timer.builder(METRIC).tags("name", operation.getName(), "type", "QUERY", "source",
                    Boolean.toString(operation.isSourceField())).register(registry);
        }

        /** The method's arguments from the field's coerced ones (the source argument left null). */
        Object[] read(DataFetchingEnvironment environment) {
            Map<String, Object> raw = environment.getArguments();
            Object[] values = new Object[names.length];
            for (int i = 0; i < values.length; i++) {
                if (i != source) {
                    Object value = raw.get(names[i]);
                    try {
                        values[i] = readers[i].read(value);
                    } catch (RuntimeException e) {
                        throw new Unreadable(e, models[i], value);
                    }
                }
            }
            return values;
        }

        Object fetch(DataFetchingEnvironment environment) {
            Object[] values;
            try {
                values = read(environment);
            } catch (Unreadable e) {
                return e.result(environment);
            }
            if (source >= 0) {
                values[source] = environment.getSource();
            }
            return call(values);
        }

        /** Calls the method: its value when at hand, else a stage completing with it; timed either way. */
        Object call(Object[] values) {
            long start = System.nanoTime();
            Object answer;
            try {
                answer = method.invokeExact(bean, values);
            } catch (RuntimeException | Error e) {
                timer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                throw e;
            } catch (Throwable e) {
                timer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                throw new IllegalStateException(e);
            }
            Runnable timed = () -> timer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            if (answer instanceof Uni<?> uni) {
                return plain(uni, timed);
            }
            if (answer instanceof CompletionStage<?> stage) {
                // a stage runs the dependents added last first: timed before graphql-java's own
                return stage.whenComplete((value, failure) -> timed.run());
            }
            timed.run();
            return answer;
        }
    }

    /**
     * A batched {@code @Source} field: on graphql-java's completion through the request's data loader; on
     * {@link LeanCompletion}'s through {@link #call} with every source of a level at once. When a lean completion gave up
     * after calling the method (it left the rest to graphql-java), the outcomes it got are in the request's GraphQL
     * context under {@link #known}, and are used instead of a second call.
     */
    final class BatchedFetcher implements DataFetcher<Object> {
        private final String loader;
        private final Invoker invoker;
        private final String known;

        BatchedFetcher(String loader, Invoker invoker) {
            this.loader = loader;
            this.invoker = invoker;
            this.known = BatchedFetcher.class.getName() + "." + loader;
        }

        /** Whether the method takes nothing but the sources (its arguments need no per-occurrence reading). */
        boolean sourcesOnly() {
            return invoker.names.length == 1 && invoker.source == 0;
        }

        /** Calls the method for {@code sources} (only when {@link #sourcesOnly()}): a list, or a stage of one. */
        Object call(List<Object> sources) {
            Object[] values = new Object[1];
            values[0] = sources;
            return invoker.call(values);
        }

        /** Where a lean completion leaves the outcome (a future) per source object it already got. */
        String known() {
            return known;
        }

        @Override
        public Object get(DataFetchingEnvironment environment) {
            Map<Object, CompletableFuture<Object>> got = environment.getGraphQlContext().get(known);
            if (got != null) {
                CompletableFuture<Object> outcome = got.get(environment.getSource());
                if (outcome != null) {
                    return outcome;
                }
                // the lean completion had not got this far: no loader dispatch would come, so call for this one
                return stage(call(List.of(environment.getSource())))
                        .thenApply(list -> ((List<?>) list).isEmpty() ? null : ((List<?>) list).get(0));
            }
            try {
                return environment.getDataLoader(loader).load(environment.getSource(), invoker.read(environment));
            } catch (Unreadable e) {
                return e.result(environment);
            }
        }
    }

    /** A method's answer as a future: its stage, or the value at hand. */
    @SuppressWarnings("unchecked")
    static CompletableFuture<Object> stage(Object answer) {
        return answer instanceof CompletionStage<?> stage
                ? (CompletableFuture<Object>) stage.toCompletableFuture()
                : CompletableFuture.completedFuture(answer);
    }

    /** An argument value that cannot be read into its Java type (a time that is not ISO 8601, ...). */
    private static final class Unreadable extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Argument argument;
        private final transient Object value;

        Unreadable(RuntimeException cause, Argument argument, Object value) {
            super(cause.getMessage(), cause, false, false);
            this.argument = argument;
            this.value = value;
        }

        /** The field's result with the error SmallRye gives for an argument it cannot convert (same body). */
        DataFetcherResult<Object> result(DataFetchingEnvironment environment) {
            return new TransformException(getCause(), argument, value)
                    .appendDataFetcherResult(DataFetcherResult.newResult(), environment).build();
        }
    }

    /**
     * A batched {@code @Source} field: the sources of one level, grouped by their field arguments, go to the method
     * together (the arguments read once per field occurrence are the loader's key contexts).
     */
    private record Batched(Invoker invoker) {

        DataLoader<Object, Object> loader() {
            BatchLoaderWithContext<Object, Object> load = this::load;
            return DataLoaderFactory.newDataLoader(load, DataLoaderOptions.newOptions().setCachingEnabled(false).build());
        }

        private CompletionStage<List<Object>> load(List<Object> sources, BatchLoaderEnvironment environment) {
            List<Object> contexts = environment.getKeyContextsList();
            Map<List<Object>, List<Integer>> groups = new LinkedHashMap<>();
            for (int i = 0; i < sources.size(); i++) {
                Object[] values = (Object[]) contexts.get(i);
                groups.computeIfAbsent(Arrays.asList(values), ignored -> new ArrayList<>()).add(i);
            }
            Object[] answers = new Object[sources.size()];
            List<CompletableFuture<?>> calls = new ArrayList<>(groups.size());
            for (Map.Entry<List<Object>, List<Integer>> group : groups.entrySet()) {
                List<Object> some = new ArrayList<>(group.getValue().size());
                for (int index : group.getValue()) {
                    some.add(sources.get(index));
                }
                Object[] values = group.getKey().toArray();
                values[invoker.source] = some;
                CompletableFuture<?> call = stage(invoker.call(values)).thenAccept(list -> {
                    List<?> results = (List<?>) list;
                    for (int i = 0; i < group.getValue().size(); i++) {
                        answers[group.getValue().get(i)] = i < results.size() ? results.get(i) : null;
                    }
                });
                calls.add(call);
            }
            return CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new))
                    .thenApply(ignored -> Arrays.asList(answers));
        }
    }
}
