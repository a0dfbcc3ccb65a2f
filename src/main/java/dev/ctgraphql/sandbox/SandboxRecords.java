package dev.ctgraphql.sandbox;

import java.time.ZoneId;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Renders stored profiles and events in the shapes of Get Profiles / Get Profile (§3.3–3.4) and Get Events (§3.2). */
final class SandboxRecords {

    /** The {@code app}, {@code events} and {@code profile} query flags of the export APIs. */
    record Flags(boolean app, boolean events, boolean profile) {

        static final Flags ALL = new Flags(true, true, true);
    }

    private SandboxRecords() {
    }

    /** A Get Profiles record; {@code profileData} is copied, so the answer never sees later uploads. */
    static ObjectNode profile(SandboxProfile profile, Flags flags) {
        ObjectNode record = SandboxJson.object();
        putIfSet(record, "identity", profile.identity);
        putIfSet(record, "email", profile.email);
        putIfSet(record, "name", profile.name);
        putIfSet(record, "phone", profile.phone);
        record.put("objectId", profile.objectId);
        if (flags.profile()) {
            record.set("profileData", profile.profileData.deepCopy());
        }
        if (flags.events()) {
            ObjectNode events = record.putObject("events");
            for (Map.Entry<String, SandboxProfile.Summary> entry : profile.summary.entrySet()) {
                events.set(entry.getKey(), summary(entry.getValue()));
            }
        }
        ArrayNode platforms = record.putArray("platformInfo");
        for (SandboxDevice device : profile.devices) {
            ObjectNode platform = platforms.addObject();
            putIfSet(platform, "platform", device.platform);
            putIfSet(platform, "os_version", device.osVersion);
            putIfSet(platform, "app_version", device.appVersion);
            putIfSet(platform, "make", device.make);
            putIfSet(platform, "model", device.model);
            putIfSet(platform, "browser", device.browser);
            putIfSet(platform, "push_token", device.pushToken);
            platform.put("objectId", device.objectId);
            if (device.lastSeen > 0) {
                platform.put("ls", device.lastSeen);
            }
        }
        return record;
    }

    /**
     * A Get Events record. The {@code profile} block shows the user as of now: objectId, platform (plus os_version,
     * app_version, make, model with {@code app=true}), identity, email, name, {@code profileData} (with
     * {@code profile=true}) and, with {@code events=true}, the summary of the exported event only.
     */
    static ObjectNode event(SandboxEvent event, SandboxProfile profile, Flags flags, ZoneId zone) {
        ObjectNode record = SandboxJson.object();
        ObjectNode block = record.putObject("profile");
        block.put("objectId", profile.objectId);
        SandboxDevice device = profile.primaryDevice();
        if (device != null) {
            putIfSet(block, "platform", device.platform);
            if (flags.app()) {
                putIfSet(block, "os_version", device.osVersion);
                putIfSet(block, "app_version", device.appVersion);
                putIfSet(block, "make", device.make);
                putIfSet(block, "model", device.model);
            }
        }
        putIfSet(block, "identity", profile.identity);
        putIfSet(block, "email", profile.email);
        putIfSet(block, "name", profile.name);
        if (flags.profile()) {
            block.set("profileData", profile.profileData.deepCopy());
        }
        if (flags.events()) {
            SandboxProfile.Summary summary = profile.summary.get(event.name());
            ObjectNode events = block.putObject("events");
            if (summary != null) {
                events.set(event.name(), summary(summary));
            }
        }
        record.put("ts", SandboxDates.timestamp(event.ts(), zone));
        record.set("event_props", event.props());
        record.set("session_props", event.session());
        return record;
    }

    private static ObjectNode summary(SandboxProfile.Summary summary) {
        return SandboxJson.object().put("count", summary.count).put("first_seen", summary.firstSeen).put("last_seen",
                summary.lastSeen);
    }

    private static void putIfSet(ObjectNode node, String key, String value) {
        if (value != null) {
            node.put(key, value);
        }
    }
}
