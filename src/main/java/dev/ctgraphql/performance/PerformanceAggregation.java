package dev.ctgraphql.performance;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.ctgraphql.campaign.Channel;
import dev.ctgraphql.campaign.DailyStats;
import dev.ctgraphql.campaign.MessageReport;
import dev.ctgraphql.graphql.GraphQLLong;

/** Sums message reports into per-channel and overall totals, zero-filled daily series and period comparisons. */
final class PerformanceAggregation {

    private static final int SENT = 0;
    private static final int VIEWED = 1;
    private static final int CLICKED = 2;

    /** Running sums for one channel (or overall). */
    private static final class Sums {
        final long[] totals = new long[3];
        final Map<LocalDate, long[]> days = new TreeMap<>();
        int messages;

        void add(MessageReport report, boolean daily) {
            messages++;
            totals[SENT] += value(report.sent());
            totals[VIEWED] += value(report.viewed());
            totals[CLICKED] += value(report.clicked());
            if (daily && report.daily() != null) {
                for (DailyStats day : report.daily()) {
                    long[] sums = days.computeIfAbsent(day.date(), d -> new long[3]);
                    sums[SENT] += value(day.sent());
                    sums[VIEWED] += value(day.viewed());
                    sums[CLICKED] += value(day.clicked());
                }
            }
        }

        PerformanceTotals totals() {
            return PerformanceTotals.of(totals[SENT], totals[VIEWED], totals[CLICKED]);
        }

        List<PerformanceDay> daily(LocalDate from, LocalDate to) {
            List<PerformanceDay> series = new ArrayList<>();
            for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
                long[] sums = days.getOrDefault(day, new long[3]);
                series.add(new PerformanceDay(day, PerformanceTotals.of(sums[SENT], sums[VIEWED], sums[CLICKED])));
            }
            return series;
        }

        private static long value(GraphQLLong number) {
            return number == null ? 0 : number.longValue();
        }
    }

    private PerformanceAggregation() {
    }

    /**
     * The report over [from, to] from its daily message reports, and with {@code previous} (the previous period's
     * reports, or null) the comparison.
     */
    static PerformanceReport report(LocalDate from, LocalDate to, List<MessageReport> current, LocalDate previousFrom,
            LocalDate previousTo, List<MessageReport> previous) {
        Sums overall = new Sums();
        Map<Channel, Sums> byChannel = new LinkedHashMap<>();
        for (MessageReport report : current) {
            overall.add(report, true);
            byChannel.computeIfAbsent(report.channel(), c -> new Sums()).add(report, true);
        }
        Sums overallBefore = new Sums();
        Map<Channel, Sums> before = new LinkedHashMap<>();
        if (previous != null) {
            for (MessageReport report : previous) {
                overallBefore.add(report, false);
                before.computeIfAbsent(report.channel(), c -> new Sums()).add(report, false);
            }
        }
        List<ChannelPerformance> channels = new ArrayList<>();
        byChannel.forEach((channel, sums) -> channels.add(line(channel, sums, previous == null
                ? null
                : before.getOrDefault(channel, new Sums()), from, to)));
        channels.sort(Comparator.comparingLong((ChannelPerformance c) -> c.totals().sent().longValue()).reversed());
        return new PerformanceReport(from, to, previousFrom, previousTo,
                line(null, overall, previous == null ? null : overallBefore, from, to), List.copyOf(channels));
    }

    private static ChannelPerformance line(Channel channel, Sums sums, Sums before, LocalDate from, LocalDate to) {
        PerformanceTotals totals = sums.totals();
        PerformanceTotals previous = before == null ? null : before.totals();
        return new ChannelPerformance(channel, sums.messages, totals, sums.daily(from, to), previous,
                previous == null ? null : PeriodChange.between(totals, previous));
    }
}
