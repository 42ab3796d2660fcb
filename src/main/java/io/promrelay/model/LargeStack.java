package io.promrelay.model;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Threads with a deep stack for the regexes that overflow an ordinary one (see {@link GoRegex}). A regex within
 * Go's limits that nests a thousand levels needs about 4 MiB; long chains of optional pieces need more, about
 * 150 bytes per piece. The stack is reserved address space, committed only as deep as a call goes. Threads are
 * made on demand and end after a minute idle, so a relay without such regexes keeps none.
 */
final class LargeStack {
    static final long STACK_BYTES = 256L << 20;
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final ExecutorService POOL = Executors.newCachedThreadPool(task -> {
        Thread t = new Thread(null, task, "regex-large-stack-" + THREADS.incrementAndGet(), STACK_BYTES);
        t.setDaemon(true);
        return t;
    });

    private LargeStack() {
    }

    /** Runs {@code work} on a large-stack thread and waits for it; its exception or error is rethrown here. */
    static <T> T run(Supplier<T> work) {
        Future<T> result = POOL.submit(work::get);
        try {
            return result.get();
        } catch (InterruptedException e) {
            result.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running a regex", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw (Error) e.getCause();
        }
    }
}
