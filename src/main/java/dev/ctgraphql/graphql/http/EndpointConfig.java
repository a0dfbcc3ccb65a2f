package dev.ctgraphql.graphql.http;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** How {@code /graphql} treats requests: what it accepts, what it refuses, and which operations may run. */
@ConfigMapping(prefix = "clevertap-graphql.endpoint")
public interface EndpointConfig {

    /** Largest request body; a bigger one is refused with 413 before it is read whole (uploads arrive as one body). */
    @WithDefault("16M")
    MemorySize maxBodySize();

    /** Whether {@code __schema}/{@code __type} may be queried (and {@code /graphql/schema.graphql} served). */
    @WithDefault("true")
    boolean introspection();

    /**
     * Whether queries run on the lean executor ({@code LeanExecution}: graphql-java directly, fetchers derived from
     * SmallRye's model at start); false runs every operation on SmallRye's executor.
     */
    @WithDefault("true")
    boolean leanExecution();

    Limits limits();

    PersistedQueries persistedQueries();

    Answers answers();

    /** The WebSocket door ({@code ws://.../graphql}, graphql-transport-ws and graphql-ws). */
    @WithName("websocket")
    WebSocket webSocket();

    /** Bounds on one WebSocket connection; every subscribe message also passes the document and variables limits. */
    interface WebSocket {
        /** Largest message a client may send; a bigger one closes the connection (1009). */
        @WithDefault("64K")
        MemorySize maxMessageSize();

        /** Most operations running at once on one connection; one more is answered with an error message. */
        @WithDefault("10")
        int maxSubscriptions();

        /** How long a new connection may take to send connection_init before it is closed (4408). */
        @WithDefault("10s")
        Duration connectionInitTimeout();
    }

    /** Bounds on one GraphQL document and its variables, checked before anything runs. */
    interface Limits {
        /** Longest query text, in characters. */
        @WithDefault("20000")
        int maxQueryLength();

        /** Most tokens the parser reads (a cheap guard against pathological documents). */
        @WithDefault("5000")
        int maxTokens();

        /** Deepest field nesting (a root field is depth 1). */
        @WithDefault("10")
        int maxDepth();

        /** Most field selections, counting every use of a fragment. */
        @WithDefault("500")
        int maxComplexity();

        /** Most aliased fields. */
        @WithDefault("30")
        int maxAliases();

        /** Most root fields in one operation. */
        @WithDefault("15")
        int maxRootFields();

        /** Longest list in the variables (uploads: at most clevertap.uploads.max-records records anyway). */
        @WithDefault("50000")
        int maxListSize();

        /** Deepest nesting of objects and lists in the variables. */
        @WithDefault("16")
        int maxVariablesDepth();
    }

    /** Automatic persisted queries, and the allowlist mode for public frontends. */
    interface PersistedQueries {
        /** Whether clients may register queries by hash (the automatic persisted query protocol). */
        @WithDefault("true")
        boolean automatic();

        /**
         * A persisted query manifest (a file path, or a class path resource); when set, ONLY its operations may run,
         * sent by hash or as their exact text, and nothing can be registered.
         */
        Optional<String> allowlist();
    }

    /**
     * Reuse of whole answers: a query whose every root field answers from CleverTap's cached data, and whose data all
     * came from fresh cache entries, is answered again byte for byte to the same request from a caller with the same
     * roles until the first of those entries stops being fresh, or anything is invalidated.
     */
    interface Answers {
        @WithDefault("true")
        boolean reuse();

        /** Memory the kept answers may take. */
        @WithDefault("32M")
        MemorySize maximumBytes();

        /** Root fields whose answers are made only of cached CleverTap data (and so may be reused). */
        @WithDefault("campaigns,campaign,messageReports,profile,profiles,events,eventCount,profileCount,trend,"
                + "topPropertyValues,realtimeUserCount,channelPerformance,__typename")
        Set<String> rootFields();
    }
}
