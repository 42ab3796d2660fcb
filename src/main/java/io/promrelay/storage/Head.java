package io.promrelay.storage;

import io.promrelay.model.Labels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The in-memory buffer: series found by label set or by reference, their compressed chunks, and
 * an inverted index over their labels.
 *
 * <p>Appends to an existing series take only that series' lock. Creating or removing a series
 * takes one buffer-wide lock, and so does nothing else.
 *
 * <p>Retention ({@link #truncate()}, run periodically by the owner) uses the wall clock: closed
 * chunks whose newest sample is older than {@code now - retention} are dropped, and a series is
 * removed when nothing was committed to it (nor was it created) within the last retention period.
 * A series a scrape just created is therefore never removed, and a series that disappeared
 * (usually ending with its staleness marker) stays readable for one retention period. The rule
 * keys on the time of writing, not on sample timestamps, so a target with a skewed clock keeps its
 * series rather than having them removed and recreated under new references on every pass.
 *
 * <p>The buffer keeps an estimate of its size ({@link MemoryEstimate}) against a byte cap. When a commit
 * takes it above 90% of the cap, the commit hands a {@link ByteCapEviction} pass to the maintenance
 * executor, which evicts the oldest data down to 80%; the retention sweep runs the same pass. At the
 * cap itself appends are refused ({@link StorageException.Kind#BYTES_LIMIT}) until eviction made room,
 * so the buffer outgrows the cap by at most the batches being committed at that moment.
 *
 * <p>Consumers that must see every sample once (remote write) read through a {@link Cursor}; the
 * positions live in the series themselves, so there is no second copy of the data.
 */
public final class Head {
    private final HeadOptions options;
    private final long retentionMillis;
    private final ConcurrentHashMap<Labels, MemSeries> byLabels = new ConcurrentHashMap<>();
    private final SeriesTable byRef = new SeriesTable();
    private final PostingsIndex index = new PostingsIndex();
    private final Object seriesLock = new Object();
    private final LabelInterner interner = new LabelInterner();
    private final Object cursorLock = new Object();
    private final BitSet cursorSlots = new BitSet();
    private volatile Cursor[] cursors = new Cursor[0];
    private final AtomicLong maxTime = new AtomicLong(Long.MIN_VALUE);
    private final HeadCounters counters = new HeadCounters();
    private final MetadataStore metadata = new MetadataStore();
    private final Querier querier;
    private final ByteBudget budget;
    private final ByteCapEviction eviction;
    /** Serialises the retention sweep and eviction passes. */
    private final Object maintenanceLock = new Object();
    private final AtomicBoolean evictionQueued = new AtomicBoolean();
    /**
     * The last eviction pass could not reach its target; commits stop asking for passes until one of
     * them closes a chunk, the only thing a commit can add that a pass may evict.
     */
    private volatile boolean evictionExhausted;
    private long lastRef;
    private volatile long activeSeries;

    public Head(HeadOptions options) {
        this.options = options;
        this.retentionMillis = options.retention().toMillis();
        this.querier = new HeadQuerier(this);
        this.budget = new ByteBudget(options.maxBytes());
        this.eviction = new ByteCapEviction(this, budget, retentionMillis);
    }

    /** A new appender; use one per scrape or per remote-write request. */
    public Appender appender() {
        return new HeadAppender(this);
    }

    /** A reader; safe to share and to use while appenders commit. */
    public Querier querier() {
        return querier;
    }

    /** HELP, TYPE and UNIT of the metric families written to the buffer. */
    public MetadataStore metadata() {
        return metadata;
    }

    /**
     * Opens a reading position over every series; {@code name} identifies it in diagnostics and must
     * not be in use by another open cursor.
     */
    public Cursor openCursor(String name) {
        synchronized (cursorLock) {
            for (Cursor open : cursors) {
                if (open.name().equals(name)) {
                    throw new IllegalArgumentException("a cursor named \"" + name + "\" is already open");
                }
            }
            int slot = cursorSlots.nextClearBit(0);
            cursorSlots.set(slot);
            Cursor cursor = new Cursor(this, name, slot);
            Cursor[] grown = Arrays.copyOf(cursors, cursors.length + 1);
            grown[cursors.length] = cursor;
            cursors = grown;
            return cursor;
        }
    }

    void closeCursor(Cursor cursor) {
        synchronized (cursorLock) {
            Cursor[] remaining = Arrays.stream(cursors).filter(c -> c != cursor).toArray(Cursor[]::new);
            if (remaining.length == cursors.length) {
                return;
            }
            cursors = remaining;
            // A later cursor reuses the slot and must start before the oldest sample again.
            for (MemSeries series : byLabels.values()) {
                series.forgetPosition(cursor.slot);
            }
            cursorSlots.clear(cursor.slot);
        }
    }

    /** The newest sample timestamp ever committed, or {@link Long#MIN_VALUE} before the first. */
    public long newestTimestamp() {
        return maxTime.get();
    }

    /** Applies the retention rule described on the class, then evicts down to the byte cap if needed. */
    public void truncate() {
        synchronized (maintenanceLock) {
            long cutoff = nowMillis() - retentionMillis;
            UsageDelta freed = new UsageDelta();
            List<MemSeries> removed = new ArrayList<>();
            Cursor[] open = cursors;
            for (MemSeries series : byLabels.values()) {
                if (series.truncate(cutoff, freed, open)) {
                    removed.add(series);
                }
            }
            forget(removed);
            counters.removed(removed.size(), freed);
            budget.add(freed.estimatedBytes());
            evictionExhausted = !eviction.run();
        }
    }

    public HeadStats stats() {
        return counters.snapshot(activeSeries, budget.used(), budget.max());
    }

    /**
     * References of live series above {@code after}, in increasing order, at most {@code max} of
     * them; start from 0. References only grow, so a reader that remembers the last one it saw
     * resumes where it stopped and meets series created since then.
     */
    public long[] refsAfter(long after, int max) {
        if (max < 0) {
            throw new IllegalArgumentException("max must not be negative, got " + max);
        }
        return byRef.refsAfter(after, max);
    }

    long nowMillis() {
        return options.clockMillis().getAsLong();
    }

    /** The series with this reference, or null when there is none or the retention removed it. */
    MemSeries liveSeries(long ref) {
        MemSeries series = byRef.get(ref);
        return series == null || series.isRemoved() ? null : series;
    }

    MemSeries getOrCreate(Labels labels) throws StorageException {
        MemSeries series = byLabels.get(labels);
        if (series != null && !series.isRemoved()) {
            return series;
        }
        synchronized (seriesLock) {
            series = byLabels.get(labels);
            if (series != null && !series.isRemoved()) {
                return series;
            }
            if (activeSeries >= options.maxActiveSeries()) {
                counters.rejected(StorageException.Kind.SERIES_LIMIT);
                throw new StorageException(StorageException.Kind.SERIES_LIMIT);
            }
            Labels shared = interner.intern(labels);
            series = new MemSeries(++lastRef, shared, nowMillis());
            byRef.put(series);
            index.add(series.ref, shared);
            byLabels.put(shared, series);
            activeSeries++;
        }
        counters.seriesCreated();
        grew(MemoryEstimate.series(series.labels), false);
        return series;
    }

    /** Every live series, in increasing reference order. */
    void forEachSeries(Consumer<MemSeries> action) {
        long after = 0;
        for (long[] refs = refsAfter(after, 4096); refs.length > 0; refs = refsAfter(after, 4096)) {
            for (long ref : refs) {
                MemSeries series = liveSeries(ref);
                if (series != null) {
                    action.accept(series);
                }
            }
            after = refs[refs.length - 1];
        }
    }

    /**
     * Adds a series read back from a snapshot, before anything else writes to the buffer.
     *
     * @return the new series, or null when its labels are held already or the series limit is reached
     */
    MemSeries restore(Labels labels, SavedSeries saved) {
        MemSeries series;
        synchronized (seriesLock) {
            if (byLabels.containsKey(labels) || activeSeries >= options.maxActiveSeries()) {
                return null;
            }
            Labels shared = interner.intern(labels);
            series = new MemSeries(++lastRef, shared, saved);
            byRef.put(series);
            index.add(series.ref, shared);
            byLabels.put(shared, series);
            activeSeries++;
        }
        UsageDelta usage = new UsageDelta();
        usage.add(saved.bytes(), saved.samples());
        for (int i = 0; i < saved.chunks().length; i++) {
            usage.chunkClosed();
        }
        usage.overhead += MemoryEstimate.series(series.labels);
        counters.committed(0, usage);
        counters.seriesCreated();
        if (saved.chunks().length > 0) {
            maxTime.accumulateAndGet(saved.lastTimestamp(), Math::max);
        }
        grew(usage.estimatedBytes(), usage.closedChunks > 0);
        return series;
    }

    /** Samples older than this are too old to append: the newest timestamp held minus the retention. */
    long oldestAppendable() {
        long newest = maxTime.get();
        return newest == Long.MIN_VALUE ? Long.MIN_VALUE : newest - retentionMillis;
    }

    void rejected(StorageException.Kind kind) {
        counters.rejected(kind);
    }

    void committed(long samples, long newestTimestamp, UsageDelta usage) {
        if (samples > 0) {
            maxTime.accumulateAndGet(newestTimestamp, Math::max);
        }
        counters.committed(samples, usage);
        grew(usage.estimatedBytes(), usage.closedChunks > 0);
    }

    /** True at the byte cap, where appends are refused. */
    boolean full() {
        return budget.full();
    }

    private void grew(long bytes, boolean closedChunks) {
        budget.add(bytes);
        if (closedChunks) {
            evictionExhausted = false;
        }
        if (budget.wantsEviction() && !evictionExhausted && evictionQueued.compareAndSet(false, true)) {
            try {
                options.maintenance().execute(this::evictQueued);
            } catch (RejectedExecutionException shuttingDown) {
                evictionQueued.set(false);
            }
        }
    }

    private void evictQueued() {
        try {
            synchronized (maintenanceLock) {
                evictionExhausted = !eviction.run();
            }
        } finally {
            evictionQueued.set(false);
        }
    }

    Collection<MemSeries> allSeries() {
        return byLabels.values();
    }

    Cursor[] openCursors() {
        return cursors;
    }

    /** Accounts for what an eviction pass freed, {@code removed} being the series it removed. */
    void evicted(List<MemSeries> removed, UsageDelta freed) {
        forget(removed);
        counters.evicted(removed.size(), freed);
        budget.add(freed.estimatedBytes());
    }

    /** Drops series their own truncation or eviction marked removed from the lookups and the index. */
    private void forget(List<MemSeries> removed) {
        if (removed.isEmpty()) {
            return;
        }
        synchronized (seriesLock) {
            for (MemSeries series : removed) {
                byLabels.remove(series.labels, series);
                byRef.remove(series);
            }
            index.removeAll(removed);
            activeSeries -= removed.size();
        }
    }

    PostingsIndex index() {
        return index;
    }
}
