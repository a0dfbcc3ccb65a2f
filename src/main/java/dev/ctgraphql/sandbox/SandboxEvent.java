package dev.ctgraphql.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One stored event. {@code props} and {@code session} are never modified once stored, so they may be shared between
 * events (one session's properties) and handed to answers without copying.
 *
 * @param seq store-wide insertion order, the tie-breaker after {@code ts}
 * @param ts epoch seconds
 * @param profileId the owning profile's {@link SandboxProfile#objectId}
 */
record SandboxEvent(long seq, String name, long ts, String profileId, ObjectNode props, ObjectNode session) {
}
