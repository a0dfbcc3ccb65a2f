package dev.ctgraphql.sandbox;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * CleverTap's API segments (private beta, reference §7): create segments, add or remove users. The reference names
 * the calls and fields but shows no full bodies, so these shapes are the sandbox's reading of it (unverified):
 * <ul>
 * <li>{@code POST /api/createSegment} {@code {"segments":[{"segment_name","customer_segment_id"}]}} answers
 * {@code {"status":"success","segments":[{"segment_name","customer_segment_id","ct_segment_id"}]}}; a
 * customer_segment_id already taken is a 400;</li>
 * <li>{@code POST /api/updateSegment} {@code {"bulk_profiles":[{"identity","action":"add"|"remove",
 * "customer_segment_id" or "ct_segment_id"}]}} (at most 1000) answers {@code {"status":"success","processed":N}};
 * unknown users are created (as CleverTap does), and each change raises the system event "Segment Membership Change"
 * (Action, Segment Name, Segment ID, Customer_Segment_ID) on the user.</li>
 * </ul>
 */
@ApplicationScoped
class SandboxSegments {

    static final int MAX_PROFILES = 1000;
    static final String EVENT = "Segment Membership Change";

    /** One API segment and its members' identities. */
    private record Segment(String name, String customerId, long ctId, Set<String> members) {
    }

    private final SandboxStore store;
    private final Map<String, Segment> byCustomerId = new LinkedHashMap<>();
    private final Map<Long, Segment> byCtId = new HashMap<>();
    private long nextCtId = 1_700_000_000L;

    SandboxSegments(SandboxStore store) {
        this.store = store;
    }

    synchronized ObjectNode create(ObjectNode body) {
        JsonNode segments = body.get("segments");
        if (segments == null || !segments.isArray() || segments.isEmpty()) {
            throw SandboxException.badRequest("segments must be a non-empty array");
        }
        for (JsonNode segment : segments) {
            String name = segment.path("segment_name").asText("");
            String customerId = segment.path("customer_segment_id").asText("");
            if (name.isBlank() || customerId.isBlank()) {
                throw SandboxException.badRequest("Each segment needs segment_name and customer_segment_id");
            }
            if (byCustomerId.containsKey(customerId)) {
                throw SandboxException.badRequest("Segment with customer_segment_id " + customerId + " already exists");
            }
        }
        ObjectNode answer = SandboxJson.success();
        ArrayNode created = answer.putArray("segments");
        for (JsonNode segment : segments) {
            Segment made = new Segment(segment.get("segment_name").asText(), segment.get("customer_segment_id").asText(),
                    nextCtId++, new HashSet<>());
            byCustomerId.put(made.customerId(), made);
            byCtId.put(made.ctId(), made);
            created.addObject().put("segment_name", made.name()).put("customer_segment_id", made.customerId())
                    .put("ct_segment_id", made.ctId());
        }
        return answer;
    }

    ObjectNode update(ObjectNode body) {
        JsonNode profiles = body.get("bulk_profiles");
        if (profiles == null || !profiles.isArray() || profiles.isEmpty()) {
            throw SandboxException.badRequest("bulk_profiles must be a non-empty array");
        }
        if (profiles.size() > MAX_PROFILES) {
            throw SandboxException.badRequest("At most " + MAX_PROFILES + " bulk_profiles per request");
        }
        ObjectNode events = SandboxJson.object();
        ArrayNode d = events.putArray("d");
        long now = store.now();
        synchronized (this) {
            for (JsonNode profile : profiles) {
                segment(profile);
                String identity = profile.path("identity").asText("");
                String action = profile.path("action").asText("").toLowerCase(Locale.ROOT);
                if (identity.isBlank() || !(action.equals("add") || action.equals("remove"))) {
                    throw SandboxException.badRequest("Each profile needs identity and action add or remove");
                }
            }
            for (JsonNode profile : profiles) {
                Segment segment = segment(profile);
                String identity = profile.get("identity").asText();
                boolean add = profile.get("action").asText().equalsIgnoreCase("add");
                boolean changed = add ? segment.members().add(identity) : segment.members().remove(identity);
                if (changed) {
                    ObjectNode event = d.addObject().put("identity", identity).put("type", "event").put("ts", now)
                            .put("evtName", EVENT);
                    event.putObject("evtData").put("Action", add ? "ADD" : "REMOVE").put("Segment Name", segment.name())
                            .put("Segment ID", segment.ctId()).put("Customer_Segment_ID", segment.customerId());
                }
            }
        }
        if (!d.isEmpty()) {
            // raised by CleverTap itself, so not through upload's checks (which refuse this system event from callers)
            List<Integer> all = IntStream.range(0, d.size()).boxed().toList();
            store.write(data -> {
                SandboxUploads.store(data, events, new SandboxUploads.Checked(SandboxJson.success(), all), now);
                return null;
            });
        }
        return SandboxJson.success().put("processed", profiles.size());
    }

    private Segment segment(JsonNode profile) {
        Segment segment = profile.hasNonNull("ct_segment_id")
                ? byCtId.get(profile.get("ct_segment_id").asLong())
                : byCustomerId.get(profile.path("customer_segment_id").asText(""));
        if (segment == null) {
            throw SandboxException
                    .badRequest("Unknown segment: give the ct_segment_id or customer_segment_id of an API segment");
        }
        return segment;
    }
}
