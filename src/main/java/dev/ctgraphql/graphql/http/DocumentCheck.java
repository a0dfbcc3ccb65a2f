package dev.ctgraphql.graphql.http;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.parser.ParserOptions;

/**
 * Parses a GraphQL document once (results are kept per query text) and measures what the limits bound: depth,
 * field selections (fragments counted at every use), aliases, root fields and introspection. Runs before validation,
 * so it must survive what validation would refuse: fragment cycles, unknown fragments, fragment "bombs" (it stops
 * counting once a limit is passed).
 */
final class DocumentCheck {

    /**
     * The root fields of the GraphQL ping {@code { __typename }}, which graphql-java answers without any fetcher: such a
     * query runs on the lean executor (warmed by the start-up priming with that very document) whenever it is on. Beside
     * other root fields, {@code __typename} still leaves the route to them (the tests run a document on SmallRye's
     * executor by adding it).
     */
    private static final Set<String> PING = Set.of("__typename");

    /** What a document is, as far as the endpoint cares; {@code problem} is null when it may run. */
    record Facts(String problem, Map<String, OperationDefinition.Operation> operations, Set<String> reusable,
            Set<String> lean) {

        /** A document refused before its operations could be told apart. */
        static Facts refused(String problem) {
            return new Facts(problem, Map.of(), Set.of(), Set.of());
        }

        /** Whether the answer of the operation {@code operationName} selects may be reused (see EndpointConfig). */
        boolean reusable(String operationName) {
            return selects(reusable, operationName);
        }

        /**
         * Whether the operation {@code operationName} selects is a query made only of the lean executor's fields, or
         * of {@code __typename} alone.
         */
        boolean lean(String operationName) {
            return selects(lean, operationName);
        }

        /** Whether {@code names} holds the operation {@code operationName} selects (none selected: no). */
        private boolean selects(Set<String> names, String operationName) {
            String selected = selected(operationName);
            return selected != null && names.contains(selected);
        }

        /** The name of the operation to run; null when the document has several and none is named. */
        private String selected(String operationName) {
            return operationName == null && operations.size() == 1
                    ? operations.keySet().iterator().next()
                    : operationName;
        }

        /** The kind of the operation that {@code operationName} selects; null when it cannot be told. */
        OperationDefinition.Operation kindOf(String operationName) {
            if (operationName == null) {
                return operations.size() == 1 ? operations.values().iterator().next() : null;
            }
            return operations.get(operationName);
        }
    }

    private final EndpointConfig.Limits limits;
    private final boolean introspection;
    private final Set<String> reusableRootFields;
    private final Set<String> leanRootFields;
    private final Cache<String, Facts> known = Caffeine.newBuilder().maximumSize(2000).build();

    /** {@code leanRootFields}: the Query fields the lean executor answers (see {@link LeanExecution}). */
    DocumentCheck(EndpointConfig.Limits limits, boolean introspection, Set<String> reusableRootFields,
            Set<String> leanRootFields) {
        this.limits = limits;
        this.introspection = introspection;
        this.reusableRootFields = reusableRootFields;
        this.leanRootFields = leanRootFields;
    }

    Facts check(String query) {
        if (query.length() > limits.maxQueryLength()) {
            return Facts.refused("The query is " + query.length() + " characters long; at most " + limits.maxQueryLength()
                    + " are accepted");
        }
        return known.get(query, this::analyse);
    }

    private Facts analyse(String query) {
        Document document;
        try {
            ParserOptions options = ParserOptions.getDefaultOperationParserOptions().transform(o -> o
                    .maxTokens(limits.maxTokens())
                    .maxRuleDepth(Math.max(50, limits.maxDepth() * 8))
                    .captureSourceLocation(false));
            document = new Parser().parseDocument(ParserEnvironment.newParserEnvironment()
                    .document(query).parserOptions(options).build());
        } catch (InvalidSyntaxException e) {
            return Facts.refused("Invalid GraphQL syntax: " + e.getMessage());
        } catch (RuntimeException e) {
            // graphql-java refuses documents past maxTokens / maxRuleDepth with its own cancellation exceptions
            return Facts.refused("The query is too large or too deeply nested to be parsed");
        }
        Map<String, FragmentDefinition> fragments = new HashMap<>();
        for (FragmentDefinition fragment : document.getDefinitionsOfType(FragmentDefinition.class)) {
            fragments.put(fragment.getName(), fragment);
        }
        Map<String, OperationDefinition.Operation> operations = new HashMap<>();
        Set<String> reusable = new HashSet<>();
        Set<String> lean = new HashSet<>();
        String problem = null;
        for (OperationDefinition operation : document.getDefinitionsOfType(OperationDefinition.class)) {
            String name = operation.getName() == null ? "" : operation.getName();
            operations.put(name, operation.getOperation());
            if (problem == null) {
                Measure measure = new Measure(fragments);
                problem = measure.operation(operation);
                if (operation.getOperation() == OperationDefinition.Operation.QUERY
                        && reusableRootFields.containsAll(measure.rootFields)) {
                    reusable.add(name);
                }
                if (operation.getOperation() == OperationDefinition.Operation.QUERY
                        && (leanRootFields.containsAll(measure.rootFields)
                                || !leanRootFields.isEmpty() && PING.equals(measure.rootFields))) {
                    lean.add(name);
                }
            }
        }
        return new Facts(problem, Map.copyOf(operations), Set.copyOf(reusable), Set.copyOf(lean));
    }

    /** One walk over one operation; stops at the first limit passed. */
    private final class Measure {
        private final Map<String, FragmentDefinition> fragments;
        private final Deque<String> spreading = new ArrayDeque<>();
        private final Set<String> rootFields = new HashSet<>();
        private int fields;
        private int aliases;
        private String problem;

        Measure(Map<String, FragmentDefinition> fragments) {
            this.fragments = fragments;
        }

        String operation(OperationDefinition operation) {
            int roots = countRootFields(operation.getSelectionSet());
            if (roots > limits.maxRootFields()) {
                return "The operation selects " + roots + " root fields; at most " + limits.maxRootFields()
                        + " are accepted";
            }
            walk(operation.getSelectionSet(), 1);
            return problem;
        }

        /** Root fields, fragments expanded; stops counting past the limit (fragments can multiply them). */
        private int countRootFields(SelectionSet set) {
            int count = 0;
            for (Selection<?> selection : set.getSelections()) {
                if (count > limits.maxRootFields()) {
                    return count;
                }
                if (selection instanceof Field field) {
                    count++;
                    rootFields.add(field.getName());
                } else if (selection instanceof InlineFragment inline) {
                    count += countRootFields(inline.getSelectionSet());
                } else if (selection instanceof FragmentSpread spread && !spreading.contains(spread.getName())) {
                    FragmentDefinition fragment = fragments.get(spread.getName());
                    if (fragment != null) {
                        spreading.push(spread.getName());
                        count += countRootFields(fragment.getSelectionSet());
                        spreading.pop();
                    }
                }
            }
            return count;
        }

        private void walk(SelectionSet set, int depth) {
            if (set == null) {
                return;
            }
            for (Selection<?> selection : set.getSelections()) {
                if (problem != null) {
                    return;
                }
                if (selection instanceof Field field) {
                    field(field, depth);
                } else if (selection instanceof InlineFragment inline) {
                    walk(inline.getSelectionSet(), depth);
                } else if (selection instanceof FragmentSpread spread) {
                    FragmentDefinition fragment = fragments.get(spread.getName());
                    // unknown fragments and cycles are left to validation, which names them
                    if (fragment != null && !spreading.contains(spread.getName())) {
                        spreading.push(spread.getName());
                        walk(fragment.getSelectionSet(), depth);
                        spreading.pop();
                    }
                }
            }
        }

        private void field(Field field, int depth) {
            if (depth > limits.maxDepth()) {
                problem = "The query nests fields " + depth + " deep (at '" + field.getName() + "'); at most "
                        + limits.maxDepth() + " levels are accepted";
                return;
            }
            if (++fields > limits.maxComplexity()) {
                problem = "The query selects more than " + limits.maxComplexity()
                        + " fields (every use of a fragment counts); ask for less, or split it";
                return;
            }
            if (field.getAlias() != null && ++aliases > limits.maxAliases()) {
                problem = "The query uses more than " + limits.maxAliases() + " aliases";
                return;
            }
            if (!introspection && (field.getName().equals("__schema") || field.getName().equals("__type"))) {
                problem = "Introspection is turned off on this service";
                return;
            }
            walk(field.getSelectionSet(), depth + 1);
        }
    }
}
