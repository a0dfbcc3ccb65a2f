package dev.ctgraphql.campaign;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import dev.ctgraphql.graphql.GraphQLLong;
import dev.ctgraphql.upstream.AccountLimiter;
import dev.ctgraphql.upstream.CacheKey;
import dev.ctgraphql.upstream.CleverTapBadInputException;
import dev.ctgraphql.upstream.CleverTapCalls;
import dev.ctgraphql.upstream.CleverTapConfig;
import dev.ctgraphql.upstream.CleverTapDates;
import dev.ctgraphql.upstream.CleverTapPaths;
import dev.ctgraphql.upstream.CleverTapResponse;
import dev.ctgraphql.upstream.CleverTapRestClients;
import dev.ctgraphql.upstream.CleverTapUpstreamException;
import dev.ctgraphql.upstream.Endpoint;
import dev.ctgraphql.upstream.LimitClass;
import dev.ctgraphql.upstream.ResponseCache;

/**
 * Campaign lists, reports and message reports (cached), and campaign creation and stopping. Reads are cached: lists per 31-day window, a completed campaign's report
 * for {@code clevertap.cache.campaign-reports.ttl}, an unfinished one's for its {@code live-ttl}.
 */
@ApplicationScoped
public class CampaignClient {

    static final Endpoint LIST = Endpoint.read("campaign list", "POST", CleverTapPaths.CAMPAIGN_LIST);
    static final Endpoint RESULT = Endpoint.read("campaign report", "POST", CleverTapPaths.CAMPAIGN_RESULT);
    static final Endpoint MESSAGE_REPORT = Endpoint.read("message report", "POST", CleverTapPaths.MESSAGE_REPORT);
    /** Not retryable when the answer is lost: the campaign could be created twice. */
    static final Endpoint CREATE = new Endpoint("campaign creation", "POST", CleverTapPaths.CAMPAIGN_CREATE, LimitClass.OTHER,
            false);
    static final Endpoint STOP = Endpoint.read("campaign stop", "POST", CleverTapPaths.CAMPAIGN_STOP);
    /** CleverTap allows 3 Create Campaign calls per second, on top of the concurrency limit. */
    static final double CREATES_PER_SECOND = 3;

    /** CleverTap's campaign list is "only optimized for ranges of 31 days or less": longer ranges are split. */
    static final int WINDOW_DAYS = 31;
    /** How far back and ahead {@link #find} looks for a campaign, in windows. */
    static final int FIND_WINDOWS_BACK = 4;
    static final int FIND_WINDOWS_AHEAD = 1;

    private static final String CAMPAIGNS = "campaigns";
    private static final String REPORTS = "campaign-reports";
    /** What every window's cache key starts with: the body {@code {"from":N,"to":M}} needs no escaping. */
    private static final String WINDOW_KEY = CacheKey.of(LIST).with("body", "{\"from\":").text();
    /** What every report's cache key starts with: the body {@code {"id":N}} needs no escaping. */
    private static final String REPORT_KEY = CacheKey.of(RESULT).with("body", "{\"id\":").text();
    private static final String MESSAGES = "message-reports";
    /** What is cached for a report CleverTap has not finished, whichever of its three forms said so. */
    private static final JsonNode NOT_READY = JsonNodeFactory.instance.objectNode().put("notReady", true);

    private final CleverTapRestClients clients;
    private final CleverTapCalls calls;
    private final ResponseCache cache;
    private final CleverTapConfig config;
    private final AccountLimiter limiter;

    CampaignClient(CleverTapRestClients clients, CleverTapCalls calls, ResponseCache cache, CleverTapConfig config,
            AccountLimiter limiter) {
        this.clients = clients;
        this.calls = calls;
        this.cache = cache;
        this.config = config;
        this.limiter = limiter;
    }

    /** Campaigns starting in the range, in CleverTap's order, each once. */
    Uni<List<Campaign>> list(LocalDate from, LocalDate to) {
        // windows cached fresh are read at once; when all are (the usual case) the list is one reactive step
        List<List<Campaign>> now = new ArrayList<>();
        List<Uni<List<Campaign>>> windows = new ArrayList<>();
        boolean all = true;
        for (LocalDate start = from; !start.isAfter(to); start = start.plusDays(WINDOW_DAYS)) {
            LocalDate end = start.plusDays(WINDOW_DAYS - 1L).isAfter(to) ? to : start.plusDays(WINDOW_DAYS - 1L);
            String key = windowKey(start, end);
            List<Campaign> part = cache.fresh(CAMPAIGNS, key);
            all &= part != null;
            now.add(part);
            windows.add(part != null ? Uni.createFrom().item(part) : window(windowBody(start, end), key, end));
        }
        if (all) {
            return Uni.createFrom().item(unique(now));
        }
        return Multi.createFrom().iterable(windows).onItem().transformToUniAndConcatenate(w -> w).collect().asList()
                .map(CampaignClient::unique);
    }

    private static List<Campaign> unique(List<List<Campaign>> parts) {
        Map<String, Campaign> unique = new LinkedHashMap<>();
        parts.forEach(part -> part.forEach(c -> unique.putIfAbsent(c.id(), c)));
        return List.copyOf(unique.values());
    }

    /**
     * One campaign by id. CleverTap has no "get campaign" call, so the lists of fixed 31-day windows are searched: first
     * the window of the id read as epoch seconds (CleverTap's ids look like creation times), then the recent past and
     * near future. Windows are fixed so the lists are shared with later lookups through the cache.
     */
    public Uni<Campaign> find(String id) {
        LocalDate today = LocalDate.now(config.timeZone());
        List<LocalDate> starts = new ArrayList<>();
        long numeric = Long.parseLong(id);
        if (numeric > 1_000_000_000L && numeric < 4_000_000_000L) {
            LocalDate created = Instant.ofEpochSecond(numeric).atZone(config.timeZone()).toLocalDate();
            if (created.isBefore(today.plusDays(WINDOW_DAYS * (FIND_WINDOWS_AHEAD + 1L)))) {
                starts.add(windowStart(created));
            }
        }
        for (int i = -FIND_WINDOWS_AHEAD; i <= FIND_WINDOWS_BACK; i++) {
            LocalDate start = windowStart(today.minusDays((long) WINDOW_DAYS * i));
            if (!starts.contains(start)) {
                starts.add(start);
            }
        }
        return search(id, starts, 0);
    }

    private Uni<Campaign> search(String id, List<LocalDate> starts, int index) {
        if (index >= starts.size()) {
            return Uni.createFrom().nullItem();
        }
        LocalDate start = starts.get(index);
        return window(start, start.plusDays(WINDOW_DAYS - 1L)).chain(campaigns -> campaigns.stream()
                .filter(c -> c.id().equals(id)).findFirst()
                .map(c -> Uni.createFrom().item(c))
                .orElseGet(() -> search(id, starts, index + 1)));
    }

    /** Fixed 31-day windows counted from the epoch day, so equal lookups share cache entries. */
    static LocalDate windowStart(LocalDate day) {
        return LocalDate.ofEpochDay(Math.floorDiv(day.toEpochDay(), WINDOW_DAYS) * WINDOW_DAYS);
    }

    private Uni<List<Campaign>> window(LocalDate from, LocalDate to) {
        return window(windowBody(from, to), windowKey(from, to), to);
    }

    private static ObjectNode windowBody(LocalDate from, LocalDate to) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("from", CleverTapDates.toDay(from));
        body.put("to", CleverTapDates.toDay(to));
        return body;
    }

    /**
     * The cache key of a window's list: {@code CacheKey.of(LIST).with("body", windowBody(from, to))}, written without
     * rendering the body through Jackson each time (a campaign list asks for one per window).
     */
    static String windowKey(LocalDate from, LocalDate to) {
        return WINDOW_KEY + CleverTapDates.toDay(from) + ",\"to\":" + CleverTapDates.toDay(to) + "}";
    }

    /** {@code key}: {@link #windowKey} of the window {@code body} asks for. */
    private Uni<List<Campaign>> window(ObjectNode body, String key, LocalDate to) {
        Duration ttl = cache.ttlUntil(CAMPAIGNS, to);
        return cache.get(CAMPAIGNS, key,
                () -> calls.call(LIST, () -> rest().list(body)), answer -> {
                    List<Campaign> campaigns = new ArrayList<>();
                    for (JsonNode target : answer.path("targets")) {
                        if (target.hasNonNull("id")) {
                            campaigns.add(Campaign.from(target, config.timeZone()));
                        }
                    }
                    return List.copyOf(campaigns);
                }, campaigns -> ttl);
    }

    /**
     * A campaign's report. "Not ready" comes in three forms: HTTP 409 (documented), HTTP 500 with "no result as of yet"
     * and HTTP 200 with "hasn't been completed" and no result (both observed); all three mean ready = false.
     */
    Uni<CampaignReport> report(String id) {
        return report(id, reportKey(id));
    }

    /** {@code key}: {@link #reportKey} of {@code id}. */
    private Uni<CampaignReport> report(String id, String key) {
        ObjectNode body = reportBody(id);
        return cache.get(REPORTS, key,
                () -> calls.exchange(RESULT, () -> rest().result(body))
                        .map(response -> notReady(response) ? NOT_READY : calls.requireOk(RESULT, response).body()),
                answer -> answer.path("result").isObject()
                        ? CampaignReport.from(answer.get("result"))
                        : CampaignReport.notReady(),
                report -> report.ready() ? cache.ttl(REPORTS) : cache.liveTtl(REPORTS));
    }

    /**
     * The reports of a list of campaigns, in its order: the ones cached fresh are read at once, and when all are (the
     * usual case) the whole list is one reactive step; the others are asked for as {@link #report} does.
     */
    Uni<List<CampaignReport>> reports(List<Campaign> campaigns) {
        String[] keys = new String[campaigns.size()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = reportKey(campaigns.get(i).id());
        }
        CampaignReport[] now = new CampaignReport[keys.length];
        if (cache.fresh(REPORTS, keys, now) == keys.length) {
            return Uni.createFrom().item(Arrays.asList(now));
        }
        List<Uni<CampaignReport>> reports = new ArrayList<>(now.length);
        for (int i = 0; i < now.length; i++) {
            reports.add(now[i] != null ? Uni.createFrom().item(now[i]) : report(campaigns.get(i).id(), keys[i]));
        }
        return Uni.join().all(reports).andFailFast();
    }

    private static ObjectNode reportBody(String id) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("id", Long.parseLong(id));
        return body;
    }

    /**
     * The cache key of a report: {@code CacheKey.of(RESULT).with("body", reportBody(id))}, written without rendering the
     * one-number body through Jackson each time (a campaign list asks for one per campaign).
     */
    static String reportKey(String id) {
        return REPORT_KEY + Long.parseLong(id) + "}";
    }

    private static boolean notReady(CleverTapResponse response) {
        String error = response.error().toLowerCase(Locale.ROOT);
        return response.httpStatus() == 409
                || error.contains("no result as of yet")
                || error.contains("hasn't been completed")
                || error.contains("has not been completed");
    }

    /** Message reports in CleverTap's order. */
    Uni<List<MessageReport>> messageReports(LocalDate from, LocalDate to, Set<Channel> channels, Set<CampaignStatus> statuses,
            boolean daily) {
        return messageReports(from, to, channels, statuses, Set.of(), Set.of(), daily);
    }

    /**
     * Message reports in CleverTap's order, also filtered by delivery type ({@code delivery[]}: one_time, action ...)
     * and campaign label ({@code label[]}); for other domains (channel performance). A channel without message reports
     * is refused as bad input before any call.
     */
    public Uni<List<MessageReport>> messageReports(LocalDate from, LocalDate to, Set<Channel> channels,
            Set<CampaignStatus> statuses, Set<String> deliveries, Set<String> labels, boolean daily) {
        for (Channel channel : channels) {
            CleverTapBadInputException.check(channel.reportChannel() != null, "channels",
                    channel + " has no message reports in CleverTap");
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("from", String.valueOf(CleverTapDates.toDay(from)));
        body.put("to", String.valueOf(CleverTapDates.toDay(to)));
        if (!channels.isEmpty()) {
            var array = body.putArray("channel");
            channels.stream().map(Channel::reportChannel).sorted().forEach(array::add);
        }
        if (!statuses.isEmpty()) {
            var array = body.putArray("status");
            statuses.stream().map(CampaignStatus::wire).sorted().forEach(array::add);
        }
        if (!deliveries.isEmpty()) {
            var array = body.putArray("delivery");
            deliveries.stream().sorted().forEach(array::add);
        }
        if (!labels.isEmpty()) {
            var array = body.putArray("label");
            labels.stream().sorted().forEach(array::add);
        }
        body.put("daily", daily);
        Duration ttl = cache.ttlUntil(MESSAGES, to);
        return cache.get(MESSAGES, CacheKey.of(MESSAGE_REPORT).with("body", body).text(),
                () -> calls.call(MESSAGE_REPORT, () -> rest().messageReport(body)), answer -> {
                    List<MessageReport> reports = new ArrayList<>();
                    for (JsonNode message : answer.path("messages")) {
                        reports.add(MessageReport.from(message, daily, from, to));
                    }
                    return List.copyOf(reports);
                }, reports -> ttl);
    }

    /**
     * Creates a campaign (or only estimates it) and drops the cached campaign lists. The answer's shape is not
     * documented: the new id is read from {@code id} (or {@code target_id}; an answer without one is an error, since the
     * campaign may exist), the reach from {@code estimates.total} (or a number in {@code estimates}, null when left
     * out). Status and start time are left null: CleverTap did not say them.
     */
    Uni<CreateCampaignResult> create(CampaignInput input, ObjectNode body, boolean estimateOnly) {
        // paced for the whole account (through Redis when configured), not per replica
        Uni<JsonNode> created = limiter.paced("campaign-create", CREATES_PER_SECOND,
                () -> calls.call(CREATE, () -> rest().create(body)));
        return created.map(answer -> {
            JsonNode estimates = answer.path("estimates");
            JsonNode total = estimates.isObject() ? estimates.path("total") : estimates;
            GraphQLLong reach = total.canConvertToLong() ? GraphQLLong.of(total.asLong()) : null;
            if (estimateOnly) {
                return new CreateCampaignResult(null, reach);
            }
            JsonNode id = answer.hasNonNull("id") ? answer.get("id") : answer.path("target_id");
            if (id.isMissingNode() || id.isNull() || id.asText().isBlank()) {
                throw new CleverTapUpstreamException("CleverTap accepted the campaign creation but returned no campaign "
                        + "id; it may have been created: look for it in campaigns before creating it again");
            }
            // only what CleverTap said: its status and start time are unknown until the campaign is read back
            Campaign campaign = new Campaign(id.asText(), input.name(), null, input.channel(), null);
            return new CreateCampaignResult(campaign, reach);
        }).eventually(() -> estimateOnly ? Uni.createFrom().voidItem() : cache.invalidateAll(CAMPAIGNS));
    }

    /** Stops a campaign; false when CleverTap refused (unknown id, or already finished). Drops the cached lists and report. */
    Uni<Boolean> stop(String id) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("id", Long.parseLong(id));
        return calls.exchange(STOP, () -> rest().stop(body)).map(response -> {
            if (response.ok()) {
                return true;
            }
            if (response.httpStatus() == 400 || response.httpStatus() == 404 || response.httpStatus() == 409) {
                return false;
            }
            calls.requireOk(STOP, response);
            return false;
        }).eventually(() -> Uni.join()
                .all(cache.invalidateAll(CAMPAIGNS), cache.invalidate(REPORTS, CacheKey.of(RESULT).with("body", body).text()))
                .andFailFast());
    }

    private CampaignRestClient rest() {
        return clients.get(CampaignRestClient.class);
    }
}
