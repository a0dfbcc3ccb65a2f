package dev.ctgraphql.graphql.http;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;

import io.smallrye.mutiny.Uni;

/**
 * The one place that decides what may run and how big it may be, for every door of {@code /graphql} (HTTP GET/POST and
 * WebSocket): persisted queries and the allowlist, the document limits, the introspection switch and the variables
 * limits. Who may come in at all is {@code security.GraphQLAccess}; what each field needs is {@code security.RoleGuard}.
 */
@ApplicationScoped
public class OperationGate {

    /** The query an operation runs (resolved from a persisted query when it came by hash), or why it may not run. */
    record Admitted(String query, DocumentCheck.Facts facts, RequestProblem problem) {
        static Admitted refused(RequestProblem problem) {
            return new Admitted(null, null, problem);
        }
    }

    private final PersistedQueries persisted;
    private final DocumentCheck documents;
    private final VariablesCheck variables;

    OperationGate(EndpointConfig config, PersistedQueries persisted, LeanExecution lean) {
        this.persisted = persisted;
        this.documents = new DocumentCheck(config.limits(), config.introspection(), config.answers().rootFields(),
                config.leanExecution() ? lean.fields() : Set.of());
        this.variables = new VariablesCheck(config.limits());
    }

    /**
     * {@link #resolve}'s answer without a reactive pipeline when no store has to be asked (the request carries its
     * text), else {@link PersistedQueries#LATER}.
     */
    PersistedQueries.Resolved resolveNow(String query, JsonObject extensions) {
        return persisted.resolveNow(query, extensions);
    }

    /** The query text to run: {@code query} as sent, or the persisted query its extensions name. */
    Uni<PersistedQueries.Resolved> resolve(String query, JsonObject extensions) {
        return persisted.resolve(query, extensions);
    }

    /** The document's limits and introspection; {@code problem} of the facts is null when it may run. */
    DocumentCheck.Facts document(String query) {
        return documents.check(query);
    }

    /** Null when the variables are within the limits, else what is wrong with them. */
    String variables(JsonObject values) {
        return variables.check(values);
    }

    /**
     * Everything at once, for a door that runs one operation per message: resolution, document, variables. The HTTP
     * endpoint calls the steps one by one because its answers differ between them (405, 400).
     */
    Uni<Admitted> admit(String query, JsonObject extensions, JsonObject values) {
        return resolve(query, extensions).map(resolved -> {
            if (resolved == null) {
                return Admitted.refused(RequestProblem.badInput(
                        "The operation has no query (send \"query\", or a persisted query hash in extensions.persistedQuery)"));
            }
            if (resolved.problem() != null) {
                return Admitted.refused(resolved.problem());
            }
            DocumentCheck.Facts facts = document(resolved.query());
            if (facts.problem() != null) {
                return Admitted.refused(RequestProblem.badInput(facts.problem()));
            }
            String tooBig = variables(values);
            if (tooBig != null) {
                return Admitted.refused(RequestProblem.badInput(tooBig));
            }
            return new Admitted(resolved.query(), facts, null);
        });
    }
}
