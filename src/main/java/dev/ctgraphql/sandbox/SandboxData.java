package dev.ctgraphql.sandbox;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/** The sandbox's world (profiles, events, campaigns) and its look-up indexes; not thread-safe, guarded by the store. */
final class SandboxData {

    private final Map<String, SandboxProfile> profiles = new LinkedHashMap<>();
    private final Map<String, SandboxProfile> byIdentity = new HashMap<>();
    private final Map<String, SandboxProfile> byEmail = new HashMap<>();
    private final Map<String, SandboxProfile> byObjectId = new HashMap<>();
    private final Map<String, SandboxProfile> byFbid = new HashMap<>();
    private final Map<String, SandboxProfile> byGpid = new HashMap<>();
    private final TreeMap<String, List<SandboxEvent>> events = new TreeMap<>();
    private final TreeMap<Long, SandboxCampaign> campaigns = new TreeMap<>();
    /** Source of generated ids for profiles created by uploads, so that the same uploads give the same ids. */
    final Random ids;
    private long seq;

    SandboxData(long seed) {
        this.ids = new Random(seed ^ 0x5DEECE66DL);
    }

    long nextSeq() {
        return ++seq;
    }

    // Profiles

    Collection<SandboxProfile> profiles() {
        return Collections.unmodifiableCollection(profiles.values());
    }

    SandboxProfile profile(String objectId) {
        return profiles.get(objectId);
    }

    void addProfile(SandboxProfile profile) {
        profiles.put(profile.objectId, profile);
        byObjectId.put(profile.objectId, profile);
        for (SandboxDevice device : profile.devices) {
            byObjectId.put(device.objectId, profile);
        }
        index(profile);
    }

    /** Takes a profile's identity off it (disassociation), keeping the identity index exact. */
    void clearIdentity(SandboxProfile profile) {
        if (profile.identity != null && byIdentity.get(profile.identity) == profile) {
            byIdentity.remove(profile.identity);
        }
        profile.identity = null;
    }

    /** Changes a profile's email, keeping the email index exact. */
    void changeEmail(SandboxProfile profile, String email) {
        if (profile.email != null && byEmail.get(profile.email.toLowerCase()) == profile) {
            byEmail.remove(profile.email.toLowerCase());
        }
        profile.email = email;
        index(profile);
    }

    private void index(SandboxProfile profile) {
        putIfSet(byIdentity, profile.identity, profile);
        putIfSet(byEmail, profile.email == null ? null : profile.email.toLowerCase(), profile);
        putIfSet(byFbid, profile.fbid, profile);
        putIfSet(byGpid, profile.gpid, profile);
    }

    SandboxProfile byIdentity(String identity) {
        return byIdentity.get(identity);
    }

    SandboxProfile byEmail(String email) {
        return byEmail.get(email.toLowerCase());
    }

    /** By the profile's own CleverTap ID or one of its devices'. */
    SandboxProfile byObjectId(String objectId) {
        return byObjectId.get(objectId);
    }

    SandboxProfile byFbid(String fbid) {
        return byFbid.get(fbid);
    }

    SandboxProfile byGpid(String gpid) {
        return byGpid.get(gpid);
    }

    /** Removes a profile, its devices and all its events. */
    void removeProfile(SandboxProfile profile) {
        profiles.remove(profile.objectId);
        byObjectId.values().removeIf(p -> p == profile);
        byIdentity.values().removeIf(p -> p == profile);
        byEmail.values().removeIf(p -> p == profile);
        byFbid.values().removeIf(p -> p == profile);
        byGpid.values().removeIf(p -> p == profile);
        for (String name : profile.summary.keySet()) {
            List<SandboxEvent> list = events.get(name);
            if (list != null) {
                list.removeIf(e -> e.profileId().equals(profile.objectId));
            }
        }
    }

    // Events

    /** Events of one name in insertion order (seeded ones sorted by time); empty for an unknown name. */
    List<SandboxEvent> events(String name) {
        List<SandboxEvent> list = events.get(name);
        return list == null ? List.of() : Collections.unmodifiableList(list);
    }

    /** Every event, name by name. */
    List<SandboxEvent> allEvents() {
        List<SandboxEvent> all = new ArrayList<>();
        events.values().forEach(all::addAll);
        return all;
    }

    long eventCount() {
        long count = 0;
        for (List<SandboxEvent> list : events.values()) {
            count += list.size();
        }
        return count;
    }

    /** {@code name} as already stored, so that the events of one name share one string; {@code name} when it is new. */
    String eventName(String name) {
        String known = events.ceilingKey(name);
        return name.equals(known) ? known : name;
    }

    /** Stores an event, updating its profile's summary and the last-seen time of the device it came from. */
    void addEvent(SandboxEvent event, SandboxDevice device) {
        events.computeIfAbsent(event.name(), n -> new ArrayList<>()).add(event);
        SandboxProfile profile = profiles.get(event.profileId());
        profile.summary.computeIfAbsent(event.name(), n -> new SandboxProfile.Summary()).add(event.ts());
        if (device != null) {
            device.lastSeen = Math.max(device.lastSeen, event.ts());
        }
    }

    void sortEvents() {
        for (List<SandboxEvent> list : events.values()) {
            list.sort((a, b) -> a.ts() != b.ts() ? Long.compare(a.ts(), b.ts()) : Long.compare(a.seq(), b.seq()));
        }
    }

    // Campaigns

    Collection<SandboxCampaign> campaigns() {
        return Collections.unmodifiableCollection(campaigns.values());
    }

    SandboxCampaign campaign(long id) {
        return campaigns.get(id);
    }

    void addCampaign(SandboxCampaign campaign) {
        campaigns.put(campaign.id, campaign);
    }

    long maxCampaignId() {
        return campaigns.isEmpty() ? 0 : campaigns.lastKey();
    }

    private static void putIfSet(Map<String, SandboxProfile> index, String key, SandboxProfile profile) {
        if (key != null) {
            index.put(key, profile);
        }
    }
}
