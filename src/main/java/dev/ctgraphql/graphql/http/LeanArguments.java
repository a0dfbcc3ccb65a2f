package dev.ctgraphql.graphql.http;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.smallrye.graphql.schema.model.Field;
import io.smallrye.graphql.schema.model.InputType;
import io.smallrye.graphql.schema.model.Reference;
import io.smallrye.graphql.schema.model.Schema;
import io.smallrye.graphql.schema.model.Wrapper;

import dev.ctgraphql.graphql.RawArguments;

/**
 * Readers of graphql-java's coerced argument values (maps, lists, strings, numbers, the scalars' own values) into the
 * Java values SmallRye would pass to the {@code @Query} method, derived once at start from SmallRye's schema model:
 * one reader per argument, input records built through their canonical constructor's method handle. What SmallRye
 * does with JSON-B on every request is done here by plain code chosen at start.
 */
final class LeanArguments {

    /** Why a field cannot be read or answered without SmallRye; found at start, never while serving. */
    static final class Unsupported extends Exception {
        private static final long serialVersionUID = 1L;

        Unsupported(String message) {
            super(message, null, false, false);
        }
    }

    /** Reads one coerced value (null when absent) into its Java value. */
    @FunctionalInterface
    interface Reader {
        Object read(Object raw);
    }

    private final Schema model;
    private final Map<String, Reader> inputs = new HashMap<>();

    LeanArguments(Schema model) {
        this.model = model;
    }

    /** The reader of an argument or an input field, with its collection or Optional wrappers. */
    Reader reader(Field field) throws Unsupported {
        Reader element = element(field.getReference());
        return field.hasWrapper() ? wrapped(field.getWrapper(), element) : element;
    }

    /** The Java type a method or constructor declares for {@code field} (its erasure). */
    static Class<?> declared(Field field) throws Unsupported {
        if (field.hasWrapper()) {
            return load(field.getWrapper().getWrapperClassName());
        }
        return load(field.getReference().getClassName());
    }

    private Reader wrapped(Wrapper wrapper, Reader element) throws Unsupported {
        Reader inner = wrapper.hasWrapper() ? wrapped(wrapper.getWrapper(), element) : element;
        if (wrapper.isOptional() && wrapper.getWrapperClassName().equals(Optional.class.getName())) {
            return raw -> Optional.ofNullable(raw == null ? null : inner.read(raw));
        }
        if (!wrapper.isCollection()) {
            throw new Unsupported("argument wrapper " + wrapper.getWrapperClassName() + " is not read without SmallRye");
        }
        Class<?> type = load(wrapper.getWrapperClassName());
        boolean set = Set.class.isAssignableFrom(type);
        if (!set && !type.isAssignableFrom(ArrayList.class)) {
            throw new Unsupported("collection type " + type.getName() + " is not read without SmallRye");
        }
        return raw -> {
            if (raw == null) {
                return null;
            }
            Collection<?> values = raw instanceof Collection<?> many ? many : List.of(raw);
            Collection<Object> read = set ? new LinkedHashSet<>(values.size()) : new ArrayList<>(values.size());
            for (Object value : values) {
                read.add(value == null ? null : inner.read(value));
            }
            return read;
        };
    }

    private Reader element(Reference reference) throws Unsupported {
        switch (reference.getType()) {
            case SCALAR :
                return scalar(reference.getClassName());
            case ENUM :
                return enumeration(load(reference.getClassName()));
            case INPUT :
                return input(reference.getName());
            default :
                throw new Unsupported("argument type " + reference.getName() + " is not an input, enum or scalar");
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Reader enumeration(Class<?> type) throws Unsupported {
        if (!type.isEnum()) {
            throw new Unsupported(type.getName() + " is not a Java enum");
        }
        Class<? extends Enum> constants = (Class<? extends Enum>) type;
        return raw -> raw == null || constants.isInstance(raw) ? raw : Enum.valueOf(constants, raw.toString());
    }

    private static Reader scalar(String className) throws Unsupported {
        switch (className) {
            case "java.lang.String" :
            case "java.lang.CharSequence" :
                return raw -> raw == null ? null : raw.toString();
            case "int" :
                return raw -> raw == null ? 0 : ((Number) raw).intValue();
            case "java.lang.Integer" :
                return raw -> raw == null || raw instanceof Integer ? raw : ((Number) raw).intValue();
            case "long" :
                return raw -> raw == null ? 0L : ((Number) raw).longValue();
            case "java.lang.Long" :
                return raw -> raw == null || raw instanceof Long ? raw : ((Number) raw).longValue();
            case "double" :
                return raw -> raw == null ? 0d : ((Number) raw).doubleValue();
            case "java.lang.Double" :
                return raw -> raw == null || raw instanceof Double ? raw : ((Number) raw).doubleValue();
            case "boolean" :
                return raw -> raw != null && RawArguments.bool(raw);
            case "java.lang.Boolean" :
                return RawArguments::bool;
            case "java.time.LocalDate" :
                return raw -> raw == null || raw instanceof LocalDate ? raw : LocalDate.parse(raw.toString());
            case "java.time.OffsetDateTime" :
                return raw -> raw == null || raw instanceof OffsetDateTime ? raw : OffsetDateTime.parse(raw.toString());
            case "java.time.Instant" :
                return raw -> raw == null || raw instanceof Instant ? raw : Instant.parse(raw.toString());
            case "java.time.LocalDateTime" :
                return raw -> raw == null || raw instanceof LocalDateTime ? raw : LocalDateTime.parse(raw.toString());
            case "java.time.ZonedDateTime" :
                return raw -> raw == null || raw instanceof ZonedDateTime ? raw : ZonedDateTime.parse(raw.toString());
            case "java.time.LocalTime" :
                return raw -> raw == null || raw instanceof LocalTime ? raw : LocalTime.parse(raw.toString());
            case "jakarta.json.JsonValue" :
                return RawArguments::json;
            default :
                throw new Unsupported("scalar argument type " + className + " is not read without SmallRye");
        }
    }

    /** An input record through its canonical constructor; built once per input type (a placeholder breaks cycles). */
    private Reader input(String name) throws Unsupported {
        Reader known = inputs.get(name);
        if (known != null) {
            return known;
        }
        InputType input = model.getInputs().get(name);
        if (input == null) {
            throw new Unsupported("input type " + name + " is not in SmallRye's model");
        }
        List<Field> parameters = input.getCreatorParameters();
        if (parameters == null || parameters.isEmpty()) {
            throw new Unsupported("input type " + name + " has no creator (a record or @JsonbCreator)");
        }
        Reader[] built = new Reader[1];
        inputs.put(name, raw -> built[0].read(raw));
        int n = parameters.size();
        String[] names = new String[n];
        Reader[] readers = new Reader[n];
        Class<?>[] types = new Class<?>[n];
        for (int i = 0; i < n; i++) {
            names[i] = parameters.get(i).getName();
            readers[i] = reader(parameters.get(i));
            types[i] = declared(parameters.get(i));
        }
        MethodHandle create = spread(creator(load(input.getClassName()), types), n);
        built[0] = raw -> {
            if (raw == null) {
                return null;
            }
            Map<?, ?> fields = (Map<?, ?>) raw;
            Object[] values = new Object[n];
            for (int i = 0; i < n; i++) {
                values[i] = readers[i].read(fields.get(names[i]));
            }
            return invoke(create, values);
        };
        inputs.put(name, built[0]);
        return built[0];
    }

    private static Constructor<?> creator(Class<?> type, Class<?>[] parameters) throws Unsupported {
        try {
            Constructor<?> constructor = type.getDeclaredConstructor(parameters);
            constructor.trySetAccessible();
            return constructor;
        } catch (NoSuchMethodException e) {
            throw new Unsupported(type.getName() + " has no constructor taking its creator parameters");
        }
    }

    private static MethodHandle spread(Constructor<?> constructor, int n) throws Unsupported {
        try {
            return MethodHandles.lookup().unreflectConstructor(constructor).asSpreader(Object[].class, n)
                    .asType(MethodType.methodType(Object.class, Object[].class));
        } catch (IllegalAccessException e) {
            throw new Unsupported(constructor + " is not accessible");
        }
    }

    private static Object invoke(MethodHandle create, Object[] values) {
        try {
            return create.invokeExact(values);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** A class SmallRye's model names (a Java primitive name or a class on the application's class path). */
    static Class<?> load(String name) throws Unsupported {
        switch (name) {
            case "int" :
                return int.class;
            case "long" :
                return long.class;
            case "double" :
                return double.class;
            case "float" :
                return float.class;
            case "boolean" :
                return boolean.class;
            case "short" :
                return short.class;
            case "byte" :
                return byte.class;
            case "char" :
                return char.class;
            default :
                try {
                    return Class.forName(name, false, Thread.currentThread().getContextClassLoader());
                } catch (ClassNotFoundException e) {
                    throw new Unsupported("class " + name + " cannot be loaded");
                }
        }
    }
}
