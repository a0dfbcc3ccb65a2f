/** What operators watch: health checks and the request id that ties log lines and traces to a request. */
package dev.ctgraphql.observability;
