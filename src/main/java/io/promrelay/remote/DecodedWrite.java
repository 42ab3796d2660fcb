package io.promrelay.remote;

import java.util.List;

/** A remote-write request that passed every check of {@link WriteRequestDecoder}. */
public record DecodedWrite(List<PushedSeries> series, List<PushedMetadata> metadata) {
    public DecodedWrite {
        series = List.copyOf(series);
        metadata = List.copyOf(metadata);
    }

    public long samples() {
        long n = 0;
        for (PushedSeries s : series) {
            n += s.size();
        }
        return n;
    }
}
