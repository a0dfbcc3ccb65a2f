package dev.ctgraphql.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** One user profile with its devices and per-event summary; mutated only under the store's write lock. */
final class SandboxProfile {

    /** Count, first and last time (epoch seconds) of one event name on a profile. */
    static final class Summary {
        long count;
        long firstSeen = Long.MAX_VALUE;
        long lastSeen = Long.MIN_VALUE;

        void add(long ts) {
            count++;
            firstSeen = Math.min(firstSeen, ts);
            lastSeen = Math.max(lastSeen, ts);
        }
    }

    final long seq;
    /** The primary CleverTap ID, stable for the profile's lifetime. */
    final String objectId;
    final ObjectNode profileData = SandboxJson.object();
    final List<SandboxDevice> devices = new ArrayList<>();
    final Map<String, Summary> summary = new TreeMap<>();
    String identity;
    String email;
    String name;
    String phone;
    String fbid;
    String gpid;
    long createdAt;

    SandboxProfile(long seq, String objectId) {
        this.seq = seq;
        this.objectId = objectId;
    }

    /** The most recently seen device, or null when the profile has none. */
    SandboxDevice primaryDevice() {
        SandboxDevice best = null;
        for (SandboxDevice device : devices) {
            if (best == null || device.lastSeen > best.lastSeen) {
                best = device;
            }
        }
        return best;
    }

    SandboxDevice device(String deviceObjectId) {
        for (SandboxDevice device : devices) {
            if (device.objectId.equals(deviceObjectId)) {
                return device;
            }
        }
        return null;
    }

    /** Epoch seconds of the first event of any name, or {@link Long#MAX_VALUE} when there is none. */
    long firstSeen() {
        long first = Long.MAX_VALUE;
        for (Summary s : summary.values()) {
            first = Math.min(first, s.firstSeen);
        }
        return first;
    }
}
