package io.promrelay.bench;

/** Where a peer stood at one moment of a measured window: its CPU and memory, and its samples figure. */
record WindowPoint(long nanos, ProcessUsage usage, double samples) {
    static WindowPoint of(BenchPeer peer, double samples) {
        return new WindowPoint(System.nanoTime(), peer.usage(), samples);
    }

    double seconds(WindowPoint start) {
        return (nanos - start.nanos) / 1e9;
    }

    double cpuSeconds(WindowPoint start) {
        return usage.cpuSeconds() - start.usage.cpuSeconds();
    }

    double samples(WindowPoint start) {
        return samples - start.samples;
    }
}
