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

    Shard forRef(long ref) {
        Shard[] now = shards;
        return now[(int) Long.remainderUnsigned(ref, now.length)];
    }

    int pending() {
        int sum = 0;
        for (Shard shard : shards) {
            sum += shard.pending();
        }
        return sum;
    }

    /** The fill of the fullest queue, 0 to 1. */
    double fullestQueue(int capacity) {
        int most = 0;
        for (Shard shard : shards) {
            most = Math.max(most, capacity - shard.room());
        }
        return (double) most / capacity;
    }

    void pumpAll() {
        for (Shard shard : shards) {
            shard.pump();
        }
    }
}
