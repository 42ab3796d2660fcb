package io.promrelay.promql;

/** A function over a range vector's window; returns false when the window yields no sample. */
@FunctionalInterface
interface WindowFunction {
    boolean apply(Window w);
}
