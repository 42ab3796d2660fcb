package io.promrelay.model;

/**
 * Prometheus marks a series that disappeared with one specific NaN bit pattern, distinct from
 * any NaN an exporter can send; it must survive storage and the wire bit for bit.
 */
public final class StaleNaN {
    public static final long BITS = 0x7ff0000000000002L;
    public static final double VALUE = Double.longBitsToDouble(BITS);

    private StaleNaN() {
    }

    public static boolean is(double v) {
        return Double.doubleToRawLongBits(v) == BITS;
    }
}
