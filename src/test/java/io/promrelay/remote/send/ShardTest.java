package io.promrelay.remote.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promrelay.model.Labels;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Batching by size and deadline, one request at a time, and routing that keeps each series in order. */
class ShardTest {
    private static final OutgoingSeries A = OutgoingSeries.of(1, Labels.of("__name__", "a"));
    private static final OutgoingSeries B = OutgoingSeries.of(2, Labels.of("__name__", "b"));
    private static final long DEADLINE = 5_000_000_000L;

    private final AtomicLong nanos = new AtomicLong();
    private final List<Batch> sent = new ArrayList<>();
    private final List<Promise<Boolean>> inFlight = new ArrayList<>();

    private Shard shard(int capacity, int maxPerSend) {
        return new Shard(capacity, maxPerSend, DEADLINE, nanos::get, batch -> {
            sent.add(batch);
            Promise<Boolean> done = Promise.promise();
            inFlight.add(done);
            return done.future();
        }, () -> { });
    }

    private static void add(Shard shard, OutgoingSeries series, long... timestamps) {
        shard.add(series, timestamps, new double[timestamps.length], timestamps.length);
    }

    @Test
    void aFullBatchLeavesAtOnceAndTheRestWaitsForTheDeadline() {
        Shard shard = shard(100, 3);
        add(shard, A, 1, 2);
        shard.pump();
        assertTrue(sent.isEmpty(), "two samples, three per send, deadline not reached");

        add(shard, B, 1, 2);
        shard.pump();
        assertEquals(1, sent.size());
        assertEquals(List.of(A, A, B), List.of(sent.get(0).series()));
        assertEquals(2, sent.get(0).newestTimestamp());

        inFlight.get(0).complete(true);
        assertEquals(1, sent.size(), "one sample left, not due yet");
        nanos.addAndGet(DEADLINE);
        shard.pump();
        assertEquals(2, sent.size());
        assertSame(B, sent.get(1).series()[0]);
    }

    @Test
    void oneRequestAtATimeAndTheNextLeavesWhenItCompletes() {
        Shard shard = shard(100, 2);
        add(shard, A, 1, 2, 3, 4);
        shard.pump();
        shard.pump();
        assertEquals(1, sent.size());
        assertEquals(4, shard.pending(), "two queued, two in flight");

        inFlight.get(0).complete(true);

        assertEquals(2, sent.size());
        assertEquals(3, sent.get(1).timestamps()[0]);
    }

    @Test
    void roomIsTheCapacityLeftAndOverfillingIsABug() {
        Shard shard = shard(4, 500);
        add(shard, A, 1, 2, 3);
        assertEquals(1, shard.room());
        assertThrows(IllegalStateException.class, () -> add(shard, A, 4, 5));

        add(shard, A, 4);
        shard.pump();
        assertEquals(1, sent.size(), "a full queue leaves even below max_samples_per_send");
        assertEquals(4, shard.room());
    }

    @Test
    void aSeriesAlwaysMapsToTheSameShardAndResizingWaitsForTheDrain() {
        List<Shard> made = new ArrayList<>();
        ShardSet set = new ShardSet(3, i -> {
            Shard s = shard(10, 10);
            made.add(s);
            return s;
        });
        assertSame(set.forRef(7), set.forRef(7));
        assertSame(set.forRef(7), set.forRef(10));

        add(set.forRef(7), A, 1);
        set.requestResize(5);
        assertFalse(set.ready(), "a queued sample would change order if its series moved");
        assertEquals(3, set.current());

        nanos.addAndGet(DEADLINE);
        set.pumpAll();
        assertFalse(set.ready(), "still in flight");
        inFlight.get(0).complete(true);
        assertTrue(set.ready());
        assertEquals(5, set.current());
    }

    @Test
    void theFillTheScalerSeesIsThePeakSinceItLastAskedNotTheFillOfTheMoment() {
        ShardSet set = new ShardSet(1, i -> shard(10, 10));
        Shard only = set.forRef(0);
        add(only, A, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        only.pump();
        inFlight.get(0).complete(true);
        assertEquals(10, only.room(), "the burst has left");

        assertEquals(1.0, set.peakFill(10), "a burst filled the queue in this period: not idle");
        assertEquals(0.0, set.peakFill(10), "nothing queued since the last look");
    }

    @Test
    void scalerDoublesWhenBehindHalvesWhenIdleAndHoldsWhileFailing() {
        ShardScaler scaler = new ShardScaler(1, 10);

        assertEquals(8, scaler.desired(4, true, false, 1.0));
        assertEquals(10, scaler.desired(8, true, false, 1.0), "capped at max_shards");
        assertEquals(4, scaler.desired(4, true, true, 1.0), "more shards do not help a failing receiver");
        assertEquals(2, scaler.desired(4, false, false, 0.1));
        assertEquals(1, scaler.desired(1, false, false, 0.0), "not below min_shards");
        assertEquals(4, scaler.desired(4, false, false, 0.5));
    }
}
