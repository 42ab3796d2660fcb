package io.promrelay.storage;

import java.util.concurrent.atomic.LongAdder;

/**
 * One reader's position in every series of the buffer, so that a consumer (a remote-write endpoint)
 * reads each sample once, in order, straight from the chunks, and resumes where it stopped after
 * any pause. A new cursor, and a series created after it opened, start before the oldest sample.
 *
 * <p>Samples the retention deletes before the cursor read them are counted by
 * {@link #droppedSamples()}, so a consumer that falls behind learns exactly how much it lost.
 *
 * <p>Reading different series from different threads is safe; one series should be read by one
 * thread at a time, or the samples are split between the readers in no particular way.
 */
public final class Cursor implements AutoCloseable {
    private final Head head;
    private final String name;
    final int slot;
    private final LongAdder dropped = new LongAdder();

    Cursor(Head head, String name, int slot) {
        this.head = head;
        this.name = name;
        this.slot = slot;
    }

    public String name() {
        return name;
    }

    /**
     * Passes the samples of series {@code ref} with position &lt; timestamp &le; {@code maxTimeMillis} to
     * {@code sink}, oldest first, at most {@code maxSamples} of them, and moves the position to the last
     * one passed.
     *
     * @return how many samples were passed; 0 when there are none or the series is gone
     */
    public int read(long ref, long maxTimeMillis, int maxSamples, SampleConsumer sink) {
        MemSeries series = head.liveSeries(ref);
        return series == null ? 0 : series.read(slot, maxTimeMillis, maxSamples, sink);
    }

    /**
     * Moves the position in series {@code ref} back so that the next read starts at {@code timestamp}: for
     * samples that were read but never arrived where they were going, such as a remote-write request cut
     * off by shutdown.
     */
    public void rewind(long ref, long timestamp) {
        MemSeries series = head.liveSeries(ref);
        if (series != null) {
            series.rewind(slot, timestamp);
        }
    }

    /** The positions now, to be saved and resumed from by {@link #resume} after a restart. */
    public CursorPositions positions() {
        CursorPositions.Builder positions = new CursorPositions.Builder();
        head.forEachSeries(series -> positions.add(series.ref, series.positionOf(slot)));
        return positions.build();
    }

    /** Takes up the positions a cursor had, by the references of this buffer (as a restored snapshot maps them). */
    public void resume(CursorPositions positions) {
        for (int i = 0; i < positions.size(); i++) {
            MemSeries series = head.liveSeries(positions.ref(i));
            if (series != null) {
                series.resume(slot, positions.timestamp(i));
            }
        }
    }

    /** Samples the retention deleted before this cursor read them, since it opened. */
    public long droppedSamples() {
        return dropped.sum();
    }

    void dropped(long samples) {
        dropped.add(samples);
    }

    /** Forgets the positions and frees the cursor's slot for another cursor. */
    @Override
    public void close() {
        head.closeCursor(this);
    }

    @Override
    public String toString() {
        return "cursor " + name;
    }
}
