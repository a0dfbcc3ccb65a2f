package dev.ctgraphql.sandbox;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.ctgraphql.upstream.CleverTapConfig;

/**
 * Campaigns ("targets", reference §6) and Message Reports (§5.8) over the stored campaigns.
 *
 * <p>
 * Shapes chosen where the reference does not show CleverTap's (unverified):
 * <ul>
 * <li>create: {@code {"status":"success","id":<new id>,"estimates":{"total":N}}}; with {@code estimate_only}
 * {@code {"status":"success","estimates":{"total":N}}} and nothing created. N counts the profiles matching
 * {@code where} (everyone when it is absent or empty) that the channel can reach (device, address, opt-in). A created
 * campaign runs for one minute from its start (running, or scheduled until then), then completes having sent N;</li>
 * <li>list: {@code targets[]} of {@code {id, name, scheduled_on: yyyyMMddHHmm number, status, target_mode}}, only
 * campaigns created through the API, as CleverTap does (in-app and a few dashboard campaigns appear only in message
 * reports and are unknown to result/stop);</li>
 * <li>result: {@code {"status":"success","result":{"sent","viewed","clicked","converted"}}};</li>
 * <li>stop of a campaign already completed or stopped: HTTP 400
 * {@code {"status":"fail","error":"This target cannot be stopped as it is already <status>","code":400}};</li>
 * <li>message reports with {@code daily}: as the reference records CleverTap's answer, {@code data} is an array of
 * arrays without dates, one per day of the requested range in order (each {@code [{"sent","viewed","clicked"}]}, zeros
 * on days the message did not run); with {@code clevertap.sandbox.message-report-dates=true} instead an array of
 * per-day objects {@code {"date":"yyyyMMdd","sent","viewed","clicked"}}, one per day the message ran in the range;
 * without {@code daily}, one object with the range's totals. A message is listed when the days it runs on overlap the
 * range.</li>
 * </ul>
 * Create Campaign is also limited to 3 requests per second (429 beyond).
 */
@ApplicationScoped
class SandboxCampaigns {

    static final int CREATES_PER_SECOND = 3;
    static final long RUN_SECONDS = 60;

    private final SandboxStore store;
    private final SandboxClock clock;
    private final CleverTapConfig config;
    private final Deque<Long> recentCreates = new ArrayDeque<>();

    SandboxCampaigns(SandboxStore store, SandboxClock clock, CleverTapConfig config) {
        this.config = config;
        this.store = store;
        this.clock = clock;
    }

    ObjectNode list(ObjectNode body) {
        LocalDate from = SandboxDates.parseDay(body.get("from"), "from");
        LocalDate to = SandboxDates.parseDay(body.get("to"), "to");
        if (from.isAfter(to)) {
            throw SandboxException.badRequest("Invalid date range: from must not be after to");
        }
        ZoneId zone = store.zone();
        long now = store.now();
        ObjectNode answer = SandboxJson.success();
        ArrayNode targets = answer.putArray("targets");
        store.read(data -> {
            for (SandboxCampaign campaign : sorted(data.campaigns())) {
                LocalDate day = campaign.firstDay(zone);
                if (campaign.api && !day.isBefore(from) && !day.isAfter(to)) {
                    targets.addObject().put("id", campaign.id).put("name", campaign.name)
                            .put("scheduled_on", SandboxDates.minute(campaign.start, zone))
                            .put("status", campaign.status(now)).put("target_mode", campaign.channel.targetMode);
                }
            }
            return null;
        });
        return answer;
    }

    Response result(ObjectNode body) {
        long id = id(body);
        long now = store.now();
        return store.read(data -> {
            SandboxCampaign campaign = apiCampaign(data, id);
            String status = campaign.status(now);
            if ("running".equals(status) || "scheduled".equals(status)) {
                return SandboxJson.fail(500, "This target has no result as of yet", 500);
            }
            long[] totals = campaign.totals(now, store.zone());
            if ("stopped".equals(status) && totals[SandboxCampaign.SENT] == 0) {
                return SandboxJson.ok(SandboxJson.success().put("error", "This target hasn't been completed").put("code", 200));
            }
            ObjectNode answer = SandboxJson.success();
            answer.putObject("result").put("sent", totals[SandboxCampaign.SENT])
                    .put("viewed", totals[SandboxCampaign.VIEWED]).put("clicked", totals[SandboxCampaign.CLICKED])
                    .put("converted", totals[SandboxCampaign.CONVERTED]);
            return SandboxJson.ok(answer);
        });
    }

    ObjectNode stop(ObjectNode body) {
        long id = id(body);
        long now = store.now();
        return store.write(data -> {
            SandboxCampaign campaign = apiCampaign(data, id);
            if (!campaign.stop(now)) {
                throw SandboxException.badRequest("This target cannot be stopped as it is already " + campaign.status(now));
            }
            return SandboxJson.success();
        });
    }

    ObjectNode create(ObjectNode body) {
        admitCreate();
        String name = body.path("name").asText("");
        if (name.isBlank()) {
            throw SandboxException.badRequest("Missing mandatory parameter: name");
        }
        String mode = body.path("target_mode").asText("");
        SandboxChannel channel = SandboxChannel.ofTargetMode(mode);
        if (channel == null) {
            throw SandboxException.badRequest("Invalid target_mode: " + mode);
        }
        content(body.get("content"), channel);
        long start = when(body.get("when"));
        boolean estimateOnly = SandboxJson.flag(body.get("estimate_only"), false);
        JsonNode where = body.get("where");
        if (body.has("segment") && where != null && !SandboxQuery.everyone(where)) {
            throw SandboxException.badRequest("Give either where or segment, not both");
        }
        JsonNode ttl = body.get("ttl");
        if (ttl != null && (!ttl.path("ttl_type").isTextual() || !ttl.path("value").canConvertToLong())) {
            throw SandboxException.badRequest("ttl needs ttl_type and value");
        }
        if (body.has("conversion_goal") && body.path("conversion_goal").path("event_name").asText("").isEmpty()) {
            throw SandboxException.badRequest("conversion_goal needs event_name");
        }
        // the sandbox has no saved (dashboard) segments: a segment's campaign reaches everyone it can
        SandboxQuery query = SandboxQuery.everyone(where) ? null : cqlOf(where);
        List<String> labels = strings(body.get("labels"));
        List<String> devices = body.has("devices") ? strings(body.get("devices")) : channel.devices;
        return store.write(data -> {
            Collection<SandboxProfile> audience = query == null ? data.profiles() : query.profiles(data);
            long reach = audience.stream().filter(channel::reaches).count();
            ObjectNode answer = SandboxJson.success();
            if (!estimateOnly) {
                long id = Math.max(store.now(), data.maxCampaignId() + 1);
                SandboxCampaign campaign = new SandboxCampaign(id, name, channel, true, "api", "single", labels, devices,
                        start, start + RUN_SECONDS);
                campaign.plan.put(campaign.firstDay(store.zone()), SandboxSeed.metrics(reach, channel, new Random(id)));
                data.addCampaign(campaign);
                answer.put("id", id);
            }
            answer.putObject("estimates").put("total", reach);
            return answer;
        });
    }

    ObjectNode report(ObjectNode body) {
        LocalDate from = SandboxDates.parseDay(body.get("from"), "from");
        LocalDate to = SandboxDates.parseDay(body.get("to"), "to");
        if (from.isAfter(to)) {
            throw SandboxException.badRequest("Invalid date range: from must not be after to");
        }
        Set<String> channels = filter(body.get("channel"));
        Set<String> statuses = filter(body.get("status"));
        Set<String> deliveries = filter(body.get("delivery"));
        Set<String> labels = filter(body.get("label"));
        Set<String> types = filter(body.get("message_type"));
        boolean daily = SandboxJson.flag(body.get("daily"), false);
        boolean dated = config.sandbox().messageReportDates();
        ZoneId zone = store.zone();
        long now = store.now();
        ObjectNode answer = SandboxJson.success();
        ArrayNode messages = answer.putArray("messages");
        store.read(data -> {
            for (SandboxCampaign campaign : sorted(data.campaigns())) {
                String status = campaign.status(now);
                LocalDate first = campaign.firstDay(zone);
                LocalDate last = campaign.lastDay(zone);
                if (first.isAfter(to) || last.isBefore(from)
                        || (channels != null && !channels.contains(campaign.channel.reportFilter))
                        || (statuses != null && !statuses.contains(status))
                        || (deliveries != null && !deliveries.contains(campaign.delivery))
                        || (labels != null && campaign.labels.stream().noneMatch(labels::contains))
                        || (types != null && !types.contains(campaign.messageType))) {
                    continue;
                }
                ObjectNode message = messages.addObject().put("message id", campaign.id)
                        .put("message_name", campaign.name).put("channel", campaign.channel.reportName)
                        .put("status", status);
                campaign.devices.forEach(message.putArray("device")::add);
                campaign.labels.forEach(message.putArray("labels")::add);
                message.put("delivery", campaign.delivery);
                message.put("message_type", campaign.messageType);
                ArrayNode stats = message.putArray("data");
                long[] total = new long[4];
                LocalDate lo = first.isBefore(from) ? from : first;
                LocalDate hi = last.isAfter(to) ? to : last;
                if (daily && !dated) {
                    for (LocalDate day = from; day.isBefore(lo); day = day.plusDays(1)) {
                        counts(stats.addArray().addObject(), new long[4]);
                    }
                }
                for (LocalDate day = lo; !day.isAfter(hi); day = day.plusDays(1)) {
                    long[] delivered = campaign.delivered(day, now, zone);
                    if (daily) {
                        counts(dated ? stats.addObject().put("date", SandboxDates.format(day)) : stats.addArray().addObject(),
                                delivered);
                    }
                    for (int i = 0; i < total.length; i++) {
                        total[i] += delivered[i];
                    }
                }
                if (daily && !dated) {
                    for (LocalDate day = hi.plusDays(1); !day.isAfter(to); day = day.plusDays(1)) {
                        counts(stats.addArray().addObject(), new long[4]);
                    }
                }
                if (!daily) {
                    counts(stats.addObject(), total);
                }
            }
            return null;
        });
        return answer;
    }

    private static void counts(ObjectNode node, long[] values) {
        node.put("sent", values[SandboxCampaign.SENT]).put("viewed", values[SandboxCampaign.VIEWED]).put("clicked",
                values[SandboxCampaign.CLICKED]);
    }

    /** Forgets recent create requests (tests use it to start from a clean rate limit). */
    synchronized void clearRateLimit() {
        recentCreates.clear();
    }

    private synchronized void admitCreate() {
        long now = System.currentTimeMillis();
        while (!recentCreates.isEmpty() && recentCreates.peekFirst() <= now - 1000) {
            recentCreates.pollFirst();
        }
        if (recentCreates.size() >= CREATES_PER_SECOND) {
            throw new SandboxException(429, "Too many requests: at most " + CREATES_PER_SECOND
                    + " create campaign requests per second", 429);
        }
        recentCreates.addLast(now);
    }

    private SandboxQuery cqlOf(JsonNode where) {
        if (!where.isObject()) {
            throw SandboxException.badRequest("where must be an object");
        }
        return SandboxQuery.parse(where, store.zone(), store.today(), false);
    }

    private static void content(JsonNode content, SandboxChannel channel) {
        if (content == null || !content.isObject()) {
            throw SandboxException.badRequest("Missing mandatory parameter: content");
        }
        require(content, "body");
        if (channel == SandboxChannel.PUSH || channel == SandboxChannel.WEBPUSH) {
            require(content, "title");
        }
        if (channel == SandboxChannel.EMAIL) {
            require(content, "subject");
        }
    }

    private static void require(JsonNode content, String field) {
        if (content.path(field).asText("").isBlank()) {
            throw SandboxException.badRequest("Missing mandatory parameter: content." + field);
        }
    }

    /** Epoch seconds of {@code when}: "now" (the default), "yyyyMMdd HH:mm" (project time), or {type, delivery_date_time}. */
    private long when(JsonNode when) {
        long now = clock.epochSecond();
        String text;
        if (when == null || when.isNull()) {
            return now;
        } else if (when.isObject()) {
            String type = when.path("type").asText("now");
            if ("now".equals(type)) {
                return now;
            }
            text = when.path("delivery_date_time").path(0).asText("");
        } else {
            text = when.asText();
        }
        if ("now".equalsIgnoreCase(text)) {
            return now;
        }
        LocalDateTime time = SandboxDates.parseWhen(text);
        if (time == null) {
            throw SandboxException.badRequest("Invalid value for when: expected \"now\" or \"yyyyMMdd HH:mm\"");
        }
        long start = time.atZone(store.zone()).toEpochSecond();
        if (start < now - 60) {
            throw SandboxException.badRequest("Invalid value for when: the time is in the past");
        }
        return start;
    }

    private static long id(ObjectNode body) {
        JsonNode id = body.get("id");
        if (id != null && id.isIntegralNumber()) {
            return id.longValue();
        }
        if (id != null && id.isTextual()) {
            try {
                return Long.parseLong(id.textValue().trim());
            } catch (NumberFormatException e) {
                throw new SandboxException(400, "Invalid target id", 400);
            }
        }
        throw new SandboxException(400, "Invalid target id", 400);
    }

    private static SandboxCampaign apiCampaign(SandboxData data, long id) {
        SandboxCampaign campaign = data.campaign(id);
        if (campaign == null || !campaign.api) {
            throw new SandboxException(400, "Invalid target id", 400);
        }
        return campaign;
    }

    private static List<SandboxCampaign> sorted(Collection<SandboxCampaign> campaigns) {
        List<SandboxCampaign> list = new ArrayList<>(campaigns);
        list.sort(Comparator.comparingLong((SandboxCampaign c) -> c.start).thenComparingLong(c -> c.id));
        return list;
    }

    /** A filter array (or single string) of lower-cased values; null when absent or empty (no filtering). */
    private static Set<String> filter(JsonNode node) {
        List<String> values = strings(node);
        if (values.isEmpty()) {
            return null;
        }
        Set<String> set = new HashSet<>();
        values.forEach(v -> set.add(v.toLowerCase(Locale.ROOT)));
        return set;
    }

    private static List<String> strings(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node == null || node.isNull()) {
            return values;
        }
        if (node.isArray()) {
            node.forEach(v -> values.add(v.asText()));
        } else {
            values.add(node.asText());
        }
        return values;
    }
}
