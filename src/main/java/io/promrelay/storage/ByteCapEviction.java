package io.promrelay.storage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One pass that brings the buffer under its byte cap, oldest data first. First it drops closed chunks
 * across all series up to a common sample-time cutoff, as a shorter retention would, chosen so the
 * chunks before it cover the excess; the open chunk of every series, which holds its newest samples,
 * stays. When that is not enough it removes idle series, least recently written first. A series is idle
 * when nothing was written to it for {@link #IDLE_AFTER_MILLIS}, Prometheus's lookback delta: such a
 * series no longer shows in /federate or instant queries. Series still being written are never removed,
 * since they would be recreated by the next scrape; if they alone fill the cap, appends are refused.
 *
 * <p>Run under the buffer's maintenance lock.
 */
final class ByteCapEviction {
    static final long IDLE_AFTER_MILLIS = 5 * 60_000;
    /** Resolution of the chunk cutoff: the retention is split into this many steps. */
    private static final int STEPS = 256;
    private static final long NOTHING = Long.MIN_VALUE;

    private final Head head;
    private final ByteBudget budget;
    private final long retentionMillis;

    ByteCapEviction(Head head, ByteBudget budget, long retentionMillis) {
        this.head = head;
        this.budget = budget;
        this.retentionMillis = retentionMillis;
    }

    /** @return true when the buffer is at or below the eviction target afterwards */
    boolean run() {
        if (!budget.wantsEviction()) {
            return true;
        }
        Cursor[] cursors = head.openCursors();
        long cutoff = chunkCutoff(budget.excess());
        if (cutoff != NOTHING) {
            UsageDelta freed = new UsageDelta();
            for (MemSeries series : head.allSeries()) {
                series.evictClosedBefore(cutoff, freed, cursors);
            }
            head.evicted(List.of(), freed);
        }
        if (budget.excess() > 0) {
            removeIdleSeries(budget.excess(), cursors);
        }
        return budget.excess() <= 0;
    }

    /**
     * The sample time before which closed chunks add up to at least {@code excess} bytes, in steps of
     * 1/{@value #STEPS} of the retention below the newest sample; {@link Long#MAX_VALUE} when all closed
     * chunks together are not enough, {@link #NOTHING} when there are none.
     */
    private long chunkCutoff(long excess) {
        long newest = head.newestTimestamp();
        if (newest == Long.MIN_VALUE) {
            return NOTHING;
        }
        long step = Math.max(1, retentionMillis / STEPS);
        long base = newest - (long) STEPS * step;
        // Slot 0 holds chunks ending before base, slot k those ending in [base + (k-1)*step, base + k*step).
        long[] bytesBySlot = new long[STEPS + 1];
        for (MemSeries series : head.allSeries()) {
            series.closedChunkSizes((maxTime, bytes) -> {
                int slot = maxTime < base ? 0 : (int) Math.min(STEPS, 1 + (maxTime - base) / step);
                bytesBySlot[slot] += bytes;
            });
        }
        long sum = 0;
        for (int slot = 0; slot <= STEPS; slot++) {
            sum += bytesBySlot[slot];
            if (sum >= excess) {
                return slot == STEPS ? Long.MAX_VALUE : base + slot * step;
            }
        }
        return sum > 0 ? Long.MAX_VALUE : NOTHING;
    }

    private void removeIdleSeries(long excess, Cursor[] cursors) {
        long idleBefore = head.nowMillis() - IDLE_AFTER_MILLIS;
        record Idle(MemSeries series, long lastWriteMillis) {
        }
        List<Idle> idle = new ArrayList<>();
        for (MemSeries series : head.allSeries()) {
            long lastWrite = series.lastWriteMillis();
            if (lastWrite < idleBefore) {
                idle.add(new Idle(series, lastWrite));
            }
        }
        idle.sort(Comparator.comparingLong(Idle::lastWriteMillis));
        UsageDelta freed = new UsageDelta();
        List<MemSeries> removed = new ArrayList<>();
        for (Idle candidate : idle) {
            if (-freed.estimatedBytes() >= excess) {
                break;
            }
            if (candidate.series().evictIfIdle(idleBefore, freed, cursors)) {
                removed.add(candidate.series());
            }
        }
        head.evicted(removed, freed);
    }
}
