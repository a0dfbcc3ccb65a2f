/**
 * The embedded CleverTap stand-in served under {@code /sandbox}: same paths, headers, JSON shapes, limits and quirks as
 * CleverTap's REST API, over deterministic seeded data.
 */
package dev.ctgraphql.sandbox;
