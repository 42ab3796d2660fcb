package io.promrelay.remote.send;

/**
 * How many shards an endpoint wants, decided once per period from what the period showed:
 * <ul>
 *   <li>a request failed: keep the count; more parallel requests do not help a failing receiver and
 *       would only press it harder while it recovers;</li>
 *   <li>the reader fell behind (it waited for queue room, or its windows trail the clock): double, up to
 *       {@code max_shards}, so a backlog after an outage drains in a few periods;</li>
 *   <li>no queue got past a quarter full: halve, down to {@code min_shards};</li>
 *   <li>otherwise keep the count.</li>
 * </ul>
 */
final class ShardScaler {
    static final double IDLE_FILL = 0.25;

    private final int min;
    private final int max;

    ShardScaler(int min, int max) {
        this.min = min;
        this.max = max;
    }

    int desired(int current, boolean behind, boolean failing, double peakFill) {
        if (failing) {
            return current;
        }
        if (behind) {
            return Math.min(max, current * 2);
        }
        if (peakFill < IDLE_FILL) {
            return Math.max(min, current / 2);
        }
        return current;
    }
}
