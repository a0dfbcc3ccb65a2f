package dev.ctgraphql.security;

import java.util.Map;
import java.util.Set;

import org.jboss.logging.Logger;

import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableContext;
import io.quarkus.arc.ManagedContext;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;

import graphql.GraphQLContext;
import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;

/**
 * Wraps the data fetcher of every root field so that a caller without the field's role (see {@link FieldRoles}) gets
 * {@code null} and a {@code FORBIDDEN} error for that field only, and nothing is sent to CleverTap; the other fields of
 * the same document are still answered.
 *
 * <p>
 * Installed by {@code graphql.SchemaFinish} whenever SmallRye builds the schema, with or without
 * {@code quarkus.smallrye-graphql.events.enabled} (which would also fire a CDI event for every field fetched). It runs at
 * static init, before CDI beans with run-time configuration can be created, so the identity association is looked up
 * on first use. The check costs a set lookup: the caller's identity
 * is read once per request and kept in the request's GraphQL context.
 */
public final class RoleGuard {

    private static final Logger LOG = Logger.getLogger(RoleGuard.class);
    private static final String IDENTITY = RoleGuard.class.getName() + ".identity";
    /** Where SmallRye GraphQL keeps the request context's state, for fetchers resumed on another thread. */
    private static final String REQUEST_CONTEXT_STATE = "state";

    private static final RoleGuard SHARED = new RoleGuard();

    private volatile CurrentIdentityAssociation identities;

    /** The Mutation fields an editor may call (every other mutation needs admin), for the check against the schema. */
    public static Set<String> editorMutations() {
        return FieldRoles.EDITOR_MUTATIONS;
    }

    private RoleGuard() {
    }

    /** Wraps the fetcher {@code guarded} holds for every root field of {@code schema} in the field's role check. */
    public static void guard(GraphQLSchema schema, GraphQLCodeRegistry.Builder guarded) {
        for (GraphQLObjectType root : new GraphQLObjectType[]{schema.getQueryType(), schema.getMutationType(),
                schema.getSubscriptionType()}) {
            if (root == null) {
                continue;
            }
            for (GraphQLFieldDefinition field : root.getFieldDefinitions()) {
                FieldCoordinates coordinates = FieldCoordinates.coordinates(root.getName(), field.getName());
                String role = FieldRoles.required(root.getName(), field.getName());
                guarded.dataFetcher(coordinates, SHARED.guard(guarded.getDataFetcher(coordinates, field), role));
                LOG.debugf("%s.%s needs role %s", root.getName(), field.getName(), role);
            }
        }
    }

    /**
     * {@code fetcher} guarded like the schema's own root fields, for executors that install their own data fetchers:
     * a caller without the role of {@code type.field} gets {@code null} and a {@code FORBIDDEN} error.
     */
    public static DataFetcher<?> guarded(String type, String field, DataFetcher<?> fetcher) {
        return SHARED.guard(fetcher, FieldRoles.required(type, field));
    }

    /**
     * Records the caller in a request's GraphQL context before execution, so that the guard reads it from there
     * instead of from the CDI request context (which such a request need not activate).
     */
    public static void putCaller(GraphQLContext.Builder context, SecurityIdentity identity) {
        context.of(IDENTITY, identity);
    }

    private DataFetcher<?> guard(DataFetcher<?> fetcher, String role) {
        String message = "needs role " + role;
        return environment -> {
            if (caller(environment).hasRole(role)) {
                return fetcher.get(environment);
            }
            return DataFetcherResult.newResult()
                    .error(GraphqlErrorBuilder.newError(environment)
                            .message("%s %s", environment.getField().getName(), message)
                            .extensions(Map.of("code", "FORBIDDEN"))
                            .build())
                    .build();
        };
    }

    /**
     * The caller, read from the request context once per request. A mutation's later root fields run after the earlier
     * ones finished, possibly on another thread without the request context: SmallRye keeps its state in the GraphQL
     * context, which is where the identity is cached too.
     */
    private SecurityIdentity caller(DataFetchingEnvironment environment) {
        GraphQLContext context = environment.getGraphQlContext();
        SecurityIdentity cached = context.get(IDENTITY);
        if (cached != null) {
            return cached;
        }
        ManagedContext requestContext = Arc.container().requestContext();
        boolean activated = false;
        if (!requestContext.isActive()) {
            InjectableContext.ContextState state = context.get(REQUEST_CONTEXT_STATE);
            if (state == null) {
                throw new IllegalStateException("no request context to read the caller's identity from");
            }
            requestContext.activate(state);
            activated = true;
        }
        try {
            SecurityIdentity identity = identities().getIdentity();
            context.put(IDENTITY, identity);
            return identity;
        } finally {
            if (activated) {
                requestContext.deactivate();
            }
        }
    }

    private CurrentIdentityAssociation identities() {
        CurrentIdentityAssociation association = identities;
        if (association == null) {
            association = Arc.container().instance(CurrentIdentityAssociation.class).get();
            identities = association;
        }
        return association;
    }
}
