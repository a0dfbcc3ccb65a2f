package dev.ctgraphql.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Asynchronous counts (reference §5.1): a query's result is computed when it is posted, but answered
 * {@code {"status":"partial","req_id":...}} until it has been polled {@code clevertap.sandbox.count-polls} times on the
 * same path. The oldest of more than {@value #MAX_PENDING} requests are forgotten.
 */
@ApplicationScoped
class SandboxCounts {

    static final int MAX_PENDING = 5000;

    private record Pending(String path, ObjectNode result, AtomicInteger partialPollsLeft) {
    }

    private final AtomicLong ids = new AtomicLong(System.currentTimeMillis());
    private final Map<Long, Pending> pending = new LinkedHashMap<>() {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Pending> eldest) {
            return size() > MAX_PENDING;
        }
    };

    /** Registers a computed result and answers the request id to poll it with. */
    synchronized long submit(String path, ObjectNode result, int partialPolls) {
        long id = ids.incrementAndGet();
        pending.put(id, new Pending(path, result, new AtomicInteger(Math.max(0, partialPolls))));
        return id;
    }

    /** The answer to one poll: partial while polls are left, then the result; an unknown id is a 400. */
    synchronized ObjectNode poll(String path, long reqId) {
        Pending found = pending.get(reqId);
        if (found == null || !found.path().equals(path)) {
            throw SandboxException.badRequest("Invalid req_id");
        }
        if (found.partialPollsLeft().getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
            return partial(reqId);
        }
        return found.result().deepCopy();
    }

    static ObjectNode partial(long reqId) {
        return SandboxJson.object().put("status", "partial").put("req_id", reqId);
    }

    synchronized void clear() {
        pending.clear();
    }
}
