package io.promrelay.web;

/**
 * Cancels a query whose client went away by interrupting the worker running it (the engine stops at its next
 * check). The interrupt is only ever delivered while that query runs, and cleared before the worker is returned
 * to its pool, so no later task on the thread sees it.
 */
final class QueryCancellation {
    private Thread running;
    private boolean cancelled;

    synchronized void enter() {
        running = Thread.currentThread();
        if (cancelled) {
            running.interrupt();
        }
    }

    synchronized void exit() {
        running = null;
        Thread.interrupted();
    }

    synchronized void cancel() {
        cancelled = true;
        if (running != null) {
            running.interrupt();
        }
    }
}
