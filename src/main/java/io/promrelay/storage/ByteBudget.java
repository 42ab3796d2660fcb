package io.promrelay.storage;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The buffer's estimated size against its byte cap. Above {@link #EVICT_ABOVE_PERCENT} of the cap the
 * oldest data is evicted down to {@link #EVICT_DOWN_TO_PERCENT}; the gap between the two keeps eviction
 * from running on every commit. At the cap itself new samples are refused until eviction made room.
 */
final class ByteBudget {
    static final int EVICT_ABOVE_PERCENT = 90;
    static final int EVICT_DOWN_TO_PERCENT = 80;

    private final long max;
    private final long evictAbove;
    private final long evictDownTo;
    private final AtomicLong used = new AtomicLong();

    ByteBudget(long max) {
        this.max = max;
        this.evictAbove = max / 100 * EVICT_ABOVE_PERCENT;
        this.evictDownTo = max / 100 * EVICT_DOWN_TO_PERCENT;
    }

    void add(long delta) {
        if (delta != 0) {
            used.addAndGet(delta);
        }
    }

    long used() {
        return used.get();
    }

    long max() {
        return max;
    }

    boolean full() {
        return used.get() >= max;
    }

    boolean wantsEviction() {
        return used.get() > evictAbove;
    }

    /** Bytes to free to get down to the eviction target; 0 or less when there is nothing to do. */
    long excess() {
        return used.get() - evictDownTo;
    }
}
