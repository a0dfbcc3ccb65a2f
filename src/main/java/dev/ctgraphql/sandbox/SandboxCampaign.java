package dev.ctgraphql.sandbox;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * One campaign: what it plans to deliver per day, and how much of that it has delivered by a given time (deliveries
 * accrue evenly over each day's share of the campaign's run, and stop at {@code stoppedAt}). Mutated only under the
 * store's write lock.
 */
final class SandboxCampaign {

    static final int SENT = 0;
    static final int VIEWED = 1;
    static final int CLICKED = 2;
    static final int CONVERTED = 3;

    final long id;
    final String name;
    final SandboxChannel channel;
    /** Created through the API (listed by {@code targets/list.json}) rather than in the dashboard. */
    final boolean api;
    final String delivery;
    final String messageType;
    final List<String> labels;
    final List<String> devices;
    /** Epoch seconds the campaign starts sending. */
    final long start;
    /** Epoch seconds it has sent everything it planned. */
    final long end;
    /** Planned deliveries per project-local day: sent, viewed, clicked, converted. */
    final NavigableMap<LocalDate, long[]> plan = new TreeMap<>();
    Long stoppedAt;

    SandboxCampaign(long id, String name, SandboxChannel channel, boolean api, String delivery, String messageType,
            List<String> labels, List<String> devices, long start, long end) {
        this.id = id;
        this.name = name;
        this.channel = channel;
        this.api = api;
        this.delivery = delivery;
        this.messageType = messageType;
        this.labels = List.copyOf(labels);
        this.devices = List.copyOf(devices);
        this.start = start;
        this.end = end;
    }

    String status(long now) {
        if (stoppedAt != null) {
            return "stopped";
        }
        if (now < start) {
            return "scheduled";
        }
        return now < end ? "running" : "completed";
    }

    /** Stops a scheduled or running campaign; false when it has already finished. */
    boolean stop(long now) {
        String status = status(now);
        if (!"scheduled".equals(status) && !"running".equals(status)) {
            return false;
        }
        stoppedAt = now;
        return true;
    }

    /** What the campaign delivered on one day, as known at {@code now}. */
    long[] delivered(LocalDate day, long now, ZoneId zone) {
        long[] planned = plan.get(day);
        long[] result = new long[4];
        if (planned == null) {
            return result;
        }
        long dayStart = day.atStartOfDay(zone).toEpochSecond();
        long dayEnd = day.plusDays(1).atStartOfDay(zone).toEpochSecond();
        long from = Math.max(start, dayStart);
        long to = Math.min(end, dayEnd);
        long cutoff = stoppedAt == null ? now : Math.min(now, stoppedAt);
        double fraction;
        if (to <= from) {
            fraction = cutoff >= from ? 1 : 0;
        } else {
            fraction = Math.max(0, Math.min(1, (double) (cutoff - from) / (to - from)));
        }
        for (int i = 0; i < result.length; i++) {
            result[i] = (long) Math.floor(planned[i] * fraction);
        }
        return result;
    }

    /** Everything delivered so far: the sum of {@link #delivered} over the planned days. */
    long[] totals(long now, ZoneId zone) {
        long[] sum = new long[4];
        for (Map.Entry<LocalDate, long[]> entry : plan.entrySet()) {
            long[] day = delivered(entry.getKey(), now, zone);
            for (int i = 0; i < sum.length; i++) {
                sum[i] += day[i];
            }
        }
        return sum;
    }

    LocalDate firstDay(ZoneId zone) {
        return SandboxDates.day(start, zone);
    }

    /** The last day it delivers (or delivered) on: its end, or the day it was stopped. */
    LocalDate lastDay(ZoneId zone) {
        long last = stoppedAt == null ? end : Math.min(end, stoppedAt);
        return SandboxDates.day(Math.max(start, last), zone);
    }
}
