package io.promrelay.testing;

import java.util.ArrayDeque;
import java.util.Deque;

/** What a test class started, closed in reverse order afterwards even when starting stopped half-way. */
public final class Cleanup implements AutoCloseable {
    private final Deque<AutoCloseable> started = new ArrayDeque<>();

    /** Remembers {@code resource} for closing and returns it. */
    public <T extends AutoCloseable> T add(T resource) {
        started.push(resource);
        return resource;
    }

    @Override
    public void close() throws Exception {
        Exception first = null;
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
