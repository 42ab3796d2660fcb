package io.promrelay.promql;

import io.promrelay.promql.QueryException.ErrorType;

/**
 * The deadline and the sample budget of one query. The budget counts samples held in memory at
 * once: loading or producing them adds, dropping an intermediate result gives them back. Samples
 * loaded for range windows count one each; an instant-vector result counts one per step for each
 * series with a value at any step, since it is held densely (for series present at every step,
 * as scraped series are, that is exactly Prometheus's count).
 */
final class QueryLimits {
    private final long deadlineNanos;
    private final long maxSamples;
    private long current;
    private int checks;

    QueryLimits(EngineOptions options) {
        this.deadlineNanos = System.nanoTime() + options.timeout().toNanos();
        this.maxSamples = options.maxSamples();
    }

    /** Called in every loop over series or steps; looks at the clock every 256th call to stay cheap. */
    void checkTime() {
        if ((++checks & 0xff) != 0) {
            return;
        }
        if (Thread.currentThread().isInterrupted()) {
            throw new QueryException(ErrorType.CANCELED, "query was canceled in expression evaluation");
        }
        if (System.nanoTime() - deadlineNanos > 0) {
            throw new QueryException(ErrorType.TIMEOUT, "query timed out in expression evaluation");
        }
    }

    void add(long samples) {
        current += samples;
        if (current > maxSamples) {
            throw QueryException.execution("query processing would load too many samples into memory in query execution");
        }
    }

    void release(long samples) {
        current -= samples;
    }
}
