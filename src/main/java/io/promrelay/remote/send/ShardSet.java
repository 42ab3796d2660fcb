package io.promrelay.remote.send;

import java.util.function.IntFunction;

/**
 * An endpoint's shards. A series always goes to the shard its reference picks, so its samples leave in
 * order. Changing the number of shards would move series between queues and could reorder them, so a
 * change waits until every queue is empty and nothing is in flight; meanwhile the reader adds nothing.
 */
final class ShardSet {
    private final IntFunction<Shard> newShard;
    private volatile Shard[] shards;
    private static final int REF_BLOCK_BITS = 8;

    private volatile int desired;

    ShardSet(int initial, IntFunction<Shard> newShard) {
        this.newShard = newShard;
        this.shards = create(initial);
        this.desired = initial;
    }

    private Shard[] create(int n) {
        Shard[] created = new Shard[n];
        for (int i = 0; i < n; i++) {
            created[i] = newShard.apply(i);
        }
        return created;
    }

    int current() {
        return shards.length;
    }

    int desired() {
        return desired;
    }

    void requestResize(int n) {
        desired = n;
    }

    /**
     * Applies a requested resize once the shards are drained.
     *
     * @return true when the shards may take samples now, false while a resize waits for the drain
     */
    boolean ready() {
        Shard[] now = shards;
        if (desired == now.length) {
            return true;
        }
        for (Shard shard : now) {
            if (shard.pending() > 0) {
                return false;
            }
        }
        shards = create(desired);
        return true;
    }

    /**
     * A series always goes to the same shard, which keeps its samples in order. Blocks of neighbouring
     * references go together: series created together (one target's) share most labels, so a request
     * holding them compresses far better than one mixing every target.
     */
    Shard forRef(long ref) {
        Shard[] now = shards;
        return now[(int) Long.remainderUnsigned(ref >>> REF_BLOCK_BITS, now.length)];
    }

    int pending() {
        int sum = 0;
        for (Shard shard : shards) {
            sum += shard.pending();
        }
        return sum;
    }

    /** The highest fill any queue reached since the last call, 0 to 1. */
    double peakFill(int capacity) {
        int most = 0;
        for (Shard shard : shards) {
            most = Math.max(most, shard.takePeakQueued());
        }
        return (double) most / capacity;
    }

    void stopAll() {
        for (Shard shard : shards) {
            shard.stop();
        }
    }

    void forEachUnsent(Shard.UnsentSample action) {
        for (Shard shard : shards) {
            shard.forEachUnsent(action);
        }
    }

    void pumpAll() {
        for (Shard shard : shards) {
            shard.pump();
        }
    }
}
