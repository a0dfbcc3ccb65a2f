package dev.ctgraphql.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What the sandbox does for CleverTap's profile-management, messaging and custom-list APIs, and what it keeps of them
 * for tests to see ({@code GET /sandbox/_messages}): subscription states by address ({@code /1/subscribe}),
 * disassociated phones ({@code /1/disassociate}), demerged identities ({@code /1/demerge/profiles.json}), messages
 * queued by {@code /1/send/<channel>.json} and External Triggers (v1 and v2), and custom lists uploaded in three
 * steps: a pre-signed URL ({@code /get_custom_list_segment_url}), a PUT of the CSV to it (the sandbox plays the storage
 * side under {@code /sandbox/_storage/}), and the completion call ({@code /upload_custom_list_segment_completed}).
 * Answer bodies of these calls are mostly unverified (reference §4, §6.2, §6.6, §7); the sandbox answers the recorded
 * envelope ({@code status}, and {@code processed}/{@code unprocessed} where the Java SDK models them).
 */
@ApplicationScoped
class SandboxMessaging {

    static final int MAX_RECORDS = 1000;
    static final int MAX_DEMERGE = 100;
    static final Set<String> SEND_CHANNELS = Set.of("push", "sms", "email", "webpush");
    private static final Set<String> SUBSCRIPTION_TYPES = Set.of("email", "phone", "whatsapp");
    private static final Set<String> SUBSCRIPTION_STATES = Set.of("Unsubscribe", "Resubscribe");
    private static final Set<String> SEND_TO = Set.of("Identity", "Email", "objectId", "FBID", "GPID");
    private static final Set<String> TRIGGER_TO = Set.of("email", "identity", "objectId");

    private final SandboxStore store;
    private final Map<String, String> subscriptions = new ConcurrentHashMap<>();
    private final List<ObjectNode> messages = new ArrayList<>();
    private final List<String> demerged = new ArrayList<>();
    private final Map<String, byte[]> storage = new ConcurrentHashMap<>();
    private final Map<String, String> issuedUrls = new ConcurrentHashMap<>();
    private final List<ObjectNode> customLists = new ArrayList<>();

    SandboxMessaging(SandboxStore store) {
        this.store = store;
    }

    ObjectNode demerge(ObjectNode body) {
        JsonNode identities = body.path("identities");
        if (!identities.isArray() || identities.isEmpty() || identities.size() > MAX_DEMERGE) {
            throw SandboxException.badRequest("identities must be a list of 1 to " + MAX_DEMERGE + " identities");
        }
        synchronized (this) {
            identities.forEach(identity -> demerged.add(identity.asText()));
        }
        return SandboxJson.success();
    }

    ObjectNode subscribe(ObjectNode body) {
        return records(body, (record, position) -> {
            String type = record.path("type").asText("");
            String value = record.path("value").asText("");
            String status = record.path("status").asText("");
            if (!SUBSCRIPTION_TYPES.contains(type) || value.isEmpty() || !SUBSCRIPTION_STATES.contains(status)) {
                return "Invalid record: type must be email, phone or whatsapp, status Unsubscribe or Resubscribe";
            }
            if (type.equals("email") ? value.indexOf('@') < 1 : !value.matches("\\+\\d{6,15}")) {
                return "Invalid " + type;
            }
            subscriptions.put(type + ":" + value, status);
            return null;
        });
    }

    ObjectNode disassociate(ObjectNode body) {
        return records(body, (record, position) -> {
            String value = record.path("value").asText("");
            if (!"phone".equals(record.path("type").asText())) {
                return "Invalid record: type must be phone";
            }
            return store.write(data -> {
                SandboxProfile profile = data.byIdentity(value);
                if (profile == null) {
                    return "Phone number is not an identity of any profile";
                }
                data.clearIdentity(profile);
                return null;
            });
        });
    }

    private interface RecordAction {
        /** Applies one record; the reason it failed, or null. */
        String apply(JsonNode record, int position);
    }

    /** A {@code {"d":[...]}} body, each record applied, answered with processed and unprocessed as uploads are. */
    private static ObjectNode records(ObjectNode body, RecordAction action) {
        JsonNode records = body.path("d");
        if (!records.isArray() || records.isEmpty() || records.size() > MAX_RECORDS) {
            throw SandboxException.badRequest("d must be a list of 1 to " + MAX_RECORDS + " records");
        }
        int processed = 0;
        ArrayNode unprocessed = SandboxJson.array();
        for (int i = 0; i < records.size(); i++) {
            String problem = action.apply(records.get(i), i);
            if (problem == null) {
                processed++;
            } else {
                unprocessed.addObject().put("status", "fail").put("code", 400)
                        .put("error", problem + ". Skipped record number : " + (i + 1)).set("record", records.get(i));
            }
        }
        ObjectNode answer = SandboxJson.object()
                .put("status", unprocessed.isEmpty() ? "success" : processed == 0 ? "fail" : "partial")
                .put("processed", processed);
        answer.set("unprocessed", unprocessed);
        return answer;
    }

    /** {@code /1/send/<channel>.json}: recipients under {@code to}, and a body in {@code content}. */
    ObjectNode send(String channel, ObjectNode body) {
        if (!SEND_CHANNELS.contains(channel)) {
            throw new SandboxException(404, "Not found", 404);
        }
        int recipients = recipients(body.path("to"), SEND_TO);
        JsonNode content = body.path("content");
        if (!content.isObject() || content.path("body").asText("").isEmpty()) {
            throw SandboxException.badRequest("content.body is required");
        }
        if (("push".equals(channel) || "webpush".equals(channel)) && content.path("title").asText("").isEmpty()) {
            throw SandboxException.badRequest("content.title is required for " + channel);
        }
        if ("email".equals(channel) && content.path("subject").asText("").isEmpty()) {
            throw SandboxException.badRequest("content.subject is required for email");
        }
        keep("send/" + channel, body, recipients);
        return SandboxJson.success().put("message", "Added to queue for processing");
    }

    /** v1: one campaign to the users under {@code to}; personalisation values must be strings. */
    ObjectNode trigger(ObjectNode body) {
        checkTrigger(body);
        keep("externaltrigger v1", body, recipients(body.path("to"), TRIGGER_TO));
        return SandboxJson.success();
    }

    /** v2: several sends in {@code d}, each as a v1 body (the v2 body is not verified; this is the sandbox's reading). */
    ObjectNode triggerMany(ObjectNode body) {
        JsonNode sends = body.path("d");
        if (!sends.isArray() || sends.isEmpty() || sends.size() > MAX_RECORDS) {
            throw SandboxException.badRequest("d must be a list of 1 to " + MAX_RECORDS + " sends");
        }
        int recipients = 0;
        for (JsonNode send : sends) {
            checkTrigger(send);
            recipients += recipients(send.path("to"), TRIGGER_TO);
        }
        keep("externaltrigger v2", body, recipients);
        return SandboxJson.success();
    }

    private static void checkTrigger(JsonNode body) {
        if (body.path("campaign_id").asText("").isEmpty()) {
            throw SandboxException.badRequest("campaign_id is required");
        }
        for (Iterator<JsonNode> it = body.path("ExternalTrigger").elements(); it.hasNext();) {
            JsonNode value = it.next();
            if (!value.isTextual() && !value.isArray() && !value.isObject()) {
                throw SandboxException.badRequest("Mapped personalisation values must be strings");
            }
        }
    }

    private static int recipients(JsonNode to, Set<String> keys) {
        int count = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = to.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!keys.contains(entry.getKey()) || !entry.getValue().isArray()) {
                throw SandboxException.badRequest("to." + entry.getKey() + " is not a list of " + keys);
            }
            count += entry.getValue().size();
        }
        if (count == 0 || count > MAX_RECORDS) {
            throw SandboxException.badRequest("to must name 1 to " + MAX_RECORDS + " users");
        }
        return count;
    }

    private synchronized void keep(String kind, JsonNode body, int recipients) {
        ObjectNode message = SandboxJson.object().put("kind", kind).put("recipients", recipients).put("at", store.now());
        message.set("body", body.deepCopy());
        messages.add(message);
    }

    /** Step 1 of a custom list: a URL under this sandbox to PUT the CSV to, valid once. */
    ObjectNode customListUrl(String base) {
        String name = UUID.randomUUID() + ".csv";
        String url = base + SandboxGate.PREFIX + "/_storage/" + name;
        issuedUrls.put(name, url);
        return SandboxJson.success().put("url", url);
    }

    /** Step 2: the storage side takes the file at an issued URL; false for a URL it never issued. */
    boolean store(String name, byte[] file) {
        if (!issuedUrls.containsKey(name)) {
            return false;
        }
        storage.put(name, file);
        return true;
    }

    /** Step 3: the file at {@code url} becomes a custom list; its CSV must have the header Type,Identity. */
    ObjectNode customListCompleted(ObjectNode body) {
        String url = body.path("url").asText("");
        String name = url.substring(url.lastIndexOf('/') + 1);
        if (body.path("name").asText("").isEmpty() || !url.equals(issuedUrls.get(name))) {
            throw SandboxException.badRequest("name and a url from get_custom_list_segment_url are required");
        }
        byte[] file = storage.get(name);
        if (file == null) {
            throw SandboxException.badRequest("Nothing was uploaded to the url");
        }
        String[] lines = new String(file, StandardCharsets.UTF_8).split("\r?\n");
        if (lines.length == 0 || !lines[0].trim().equalsIgnoreCase("Type,Identity")) {
            throw SandboxException.badRequest("The file's header must be Type,Identity");
        }
        int rows = 0;
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            String type = lines[i].substring(0, Math.max(0, lines[i].indexOf(','))).trim();
            if (!type.equals("i") && !type.equals("g")) {
                throw SandboxException.badRequest("Line " + (i + 1) + ": Type must be i (identity) or g (guid)");
            }
            rows++;
        }
        ObjectNode list = SandboxJson.object().put("name", body.path("name").asText()).put("rows", rows)
                .put("replace", body.path("replace").asBoolean(false)).put("email", body.path("email").asText(null));
        synchronized (this) {
            customLists.add(list);
        }
        issuedUrls.remove(name);
        return SandboxJson.success();
    }

    /** What the sandbox keeps of these calls, for tests. */
    synchronized ObjectNode kept() {
        ObjectNode answer = SandboxJson.object();
        answer.set("messages", SandboxJson.array().addAll(messages));
        ObjectNode subs = answer.putObject("subscriptions");
        new LinkedHashMap<>(subscriptions).forEach(subs::put);
        ArrayNode ids = answer.putArray("demerged");
        demerged.forEach(ids::add);
        answer.set("customLists", SandboxJson.array().addAll(customLists));
        return answer;
    }

    synchronized void clear() {
        subscriptions.clear();
        messages.clear();
        demerged.clear();
        storage.clear();
        issuedUrls.clear();
        customLists.clear();
    }
}
