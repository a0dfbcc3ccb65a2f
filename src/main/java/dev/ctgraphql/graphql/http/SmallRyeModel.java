package dev.ctgraphql.graphql.http;

import java.lang.reflect.Field;

import org.jboss.logging.Logger;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ClientProxy;
import io.quarkus.arc.InstanceHandle;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.graphql.cdi.producer.GraphQLProducer;
import io.smallrye.graphql.schema.model.Schema;

/**
 * SmallRye GraphQL's schema model (operations, types, inputs, with their Java classes and members), as its producer
 * bean holds it after building the schema at start, and the application's beans of the API classes; read once at
 * start by {@link LeanExecution}. The producer keeps the model in a field without accessor: it is read reflectively,
 * once, and registered for reflection so that a native image can read it too.
 */
@RegisterForReflection(targets = GraphQLProducer.class, fields = true)
final class SmallRyeModel {

    private static final Logger LOG = Logger.getLogger(SmallRyeModel.class);

    private SmallRyeModel() {
    }

    /** The model SmallRye built the schema from; null (and a warning) when it cannot be read. */
    static Schema read() {
        try (InstanceHandle<GraphQLProducer> handle = Arc.container().instance(GraphQLProducer.class)) {
            GraphQLProducer producer = ClientProxy.unwrap(handle.get());
            Field schema = GraphQLProducer.class.getDeclaredField("schema");
            schema.setAccessible(true);
            return (Schema) schema.get(producer);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warnf("SmallRye's schema model cannot be read (%s): queries stay on SmallRye's executor", e.toString());
            return null;
        }
    }

    /** The application's bean of {@code type} (a client proxy for normal scopes); null when there is none. */
    static Object bean(Class<?> type) {
        InstanceHandle<?> handle = Arc.container().instance(type);
        return handle.isAvailable() ? handle.get() : null;
    }
}
