package dev.ctgraphql.segment;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import dev.ctgraphql.upstream.CleverTapCalls;
import dev.ctgraphql.upstream.CleverTapException;
import dev.ctgraphql.upstream.CleverTapPaths;
import dev.ctgraphql.upstream.CleverTapRestClients;
import dev.ctgraphql.upstream.Endpoint;
import dev.ctgraphql.upstream.LimitClass;

/**
 * Creates API segments and changes their members. The reference names the calls and fields but shows no complete
 * body or answer, so the request shapes follow its field names ({@code segments[].segment_name /
 * customer_segment_id}; {@code bulk_profiles[].identity / action / customer_segment_id}) and the answer is read
 * defensively: CleverTap's segment id is taken from {@code segments[0].ct_segment_id} (or a top-level
 * {@code ct_segment_id}) when present, otherwise left null. Nothing here is cached: these are writes.
 */
@ApplicationScoped
class SegmentClient {

    /** Not retryable when the answer is lost: a retry would find the id taken. */
    static final Endpoint CREATE = new Endpoint("segment creation", "POST", CleverTapPaths.SEGMENT_CREATE, LimitClass.OTHER,
            false);
    /** Adding or removing the same member twice changes nothing, so a lost answer may be retried. */
    static final Endpoint UPDATE = new Endpoint("segment update", "POST", CleverTapPaths.SEGMENT_UPDATE, LimitClass.OTHER,
            true);
    /** Members changed per request: CleverTap takes at most 100 profiles per request (reference, segment limits). */
    static final int CHUNK = 100;

    private final CleverTapRestClients clients;
    private final CleverTapCalls calls;

    SegmentClient(CleverTapRestClients clients, CleverTapCalls calls) {
        this.clients = clients;
        this.calls = calls;
    }

    Uni<Segment> create(String name, String customerSegmentId) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.putArray("segments").addObject().put("segment_name", name).put("customer_segment_id", customerSegmentId);
        return calls.call(CREATE, () -> rest().create(body)).map(answer -> {
            JsonNode first = answer.path("segments").path(0);
            JsonNode id = first.hasNonNull("ct_segment_id") ? first.get("ct_segment_id") : answer.get("ct_segment_id");
            return new Segment(name, customerSegmentId, id == null || id.isNull() ? null : id.asText());
        });
    }

    /**
     * Adds and removes members in requests of 100, one after the other, and answers what CleverTap said to each. A
     * refused request does not stop the others (membership changes are idempotent); when every request was refused the
     * first failure is the answer.
     */
    Uni<SegmentUpdateResult> update(String customerSegmentId, List<String> add, List<String> remove) {
        List<ObjectNode> entries = new ArrayList<>(add.size() + remove.size());
        add.forEach(identity -> entries.add(entry(identity, "add", customerSegmentId)));
        remove.forEach(identity -> entries.add(entry(identity, "remove", customerSegmentId)));
        List<Integer> starts = new ArrayList<>();
        for (int i = 0; i < entries.size(); i += CHUNK) {
            starts.add(i);
        }
        List<CleverTapException> failures = new ArrayList<>();
        return Multi.createFrom().iterable(starts).onItem().transformToUniAndConcatenate(first -> {
            List<ObjectNode> chunk = entries.subList(first, Math.min(entries.size(), first + CHUNK));
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            chunk.forEach(body.putArray("bulk_profiles")::add);
            return calls.call(UPDATE, () -> rest().update(body))
                    .map(ignored -> new SegmentChunkResult(first, chunk.size(), true, null))
                    .onFailure(CleverTapException.class).recoverWithItem(failure -> {
                        failures.add((CleverTapException) failure);
                        return new SegmentChunkResult(first, chunk.size(), false, failure.getMessage());
                    });
        }).collect().asList().map(chunks -> {
            long accepted = chunks.stream().filter(SegmentChunkResult::ok).count();
            if (accepted == 0) {
                throw failures.get(0);
            }
            int changed = chunks.stream().filter(SegmentChunkResult::ok).mapToInt(SegmentChunkResult::count).sum();
            boolean ok = accepted == chunks.size();
            String message = (ok ? "Sent " : "CleverTap accepted ") + changed + " of " + entries.size()
                    + " membership change(s) for segment " + customerSegmentId
                    + (ok ? "" : "; " + (chunks.size() - accepted) + " request(s) were refused (see chunks)");
            return new SegmentUpdateResult(ok, message, List.copyOf(chunks));
        });
    }

    private static ObjectNode entry(String identity, String action, String customerSegmentId) {
        return JsonNodeFactory.instance.objectNode().put("identity", identity).put("action", action)
                .put("customer_segment_id", customerSegmentId);
    }

    private SegmentRestClient rest() {
        return clients.get(SegmentRestClient.class);
    }
}
