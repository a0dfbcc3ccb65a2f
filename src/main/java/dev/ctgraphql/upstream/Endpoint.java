package dev.ctgraphql.upstream;

/**
 * One CleverTap API operation, as metrics, limits, logs and cache keys know it.
 *
 * @param name what the operation does, in words fit for an error message (never the URL)
 * @param method HTTP method
 * @param path CleverTap's path, e.g. {@code /1/counts/events.json}
 * @param limitClass which concurrency limit the call counts against
 * @param retryable whether a call that met a 502-504 or a broken connection may be sent again (a 429 always may:
 *        CleverTap refused it without processing it)
 */
public record Endpoint(String name, String method, String path, LimitClass limitClass, boolean retryable) {

    /** A read (or a read-like query sent with POST): safe to repeat, limited as "other". */
    public static Endpoint read(String name, String method, String path) {
        return new Endpoint(name, method, path, LimitClass.OTHER, true);
    }

    /** {@code METHOD /path}, the name used in metrics, logs and cache keys. */
    public String key() {
        return method + " " + path;
    }
}
