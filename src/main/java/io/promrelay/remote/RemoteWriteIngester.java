package io.promrelay.remote;

import io.promrelay.model.Labels;
import io.promrelay.storage.Appender;
import io.promrelay.storage.MetadataStore;
import io.promrelay.storage.StorageException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Appends a decoded request to the buffer as one unit, as Prometheus's receiver does: one appender per request,
 * and the first sample the buffer refuses rolls the whole request back, so a sender that retries or gives up never
 * leaves half a request behind. Metadata is stored only once the samples are committed.
 *
 * <p>The buffer checks a sample against what is already committed; samples of one series within the request are
 * checked against each other here (a sender such as Prometheus sends one entry per sample, so a series may occur
 * in many entries). A sample identical to the one before it is dropped silently, as Prometheus does.
 */
public final class RemoteWriteIngester {
    private final Supplier<Appender> appenders;
    private final MetadataStore metadata;
    private final long maxActiveSeries;

    /** @param maxActiveSeries the buffer's series cap, to tell a request that can never fit from one that must wait */
    public RemoteWriteIngester(Supplier<Appender> appenders, MetadataStore metadata, long maxActiveSeries) {
        this.appenders = appenders;
        this.metadata = metadata;
        this.maxActiveSeries = maxActiveSeries;
    }

    public void ingest(DecodedWrite write) throws RemoteWriteException {
        Appender appender = appenders.get();
        boolean committed = false;
        try {
            appendAll(appender, write);
            appender.commit();
            committed = true;
        } finally {
            if (!committed) {
                appender.rollback();
            }
        }
        for (PushedMetadata m : write.metadata()) {
            metadata.put(m.family(), m.metadata());
        }
    }

    private void appendAll(Appender appender, DecodedWrite write) throws RemoteWriteException {
        Map<Labels, NewestInRequest> newest = new HashMap<>();
        for (PushedSeries series : write.series()) {
            NewestInRequest before = newest.get(series.labels());
            long ref = 0;
            for (int i = 0; i < series.size(); i++) {
                long t = series.timestamps()[i];
                long bits = Double.doubleToRawLongBits(series.values()[i]);
                if (before != null && t <= before.timestamp) {
                    if (t == before.timestamp && bits == before.valueBits) {
                        continue;
                    }
                    throw refused(t < before.timestamp ? StorageException.Kind.OUT_OF_ORDER
                            : StorageException.Kind.DUPLICATE_TIMESTAMP, series, t, write);
                }
                try {
                    ref = appender.append(ref, series.labels(), t, series.values()[i]);
                } catch (StorageException e) {
                    throw refused(e.kind(), series, t, write);
                }
                if (before == null) {
                    before = new NewestInRequest();
                    newest.put(series.labels(), before);
                }
                before.timestamp = t;
                before.valueBits = bits;
            }
        }
    }

    private static final class NewestInRequest {
        long timestamp;
        long valueBits;
    }

    private RemoteWriteException refused(StorageException.Kind kind, PushedSeries series, long timestamp,
                                         DecodedWrite write) {
        String where = " for series " + series.labels() + " at timestamp " + timestamp;
        return switch (kind) {
            case OUT_OF_ORDER -> new RemoteWriteException(Rejection.OUT_OF_ORDER, kind.text() + where);
            case DUPLICATE_TIMESTAMP -> new RemoteWriteException(Rejection.DUPLICATE_TIMESTAMP, kind.text() + where);
            case TOO_OLD -> new RemoteWriteException(Rejection.TOO_OLD, kind.text() + where);
            case SERIES_LIMIT -> seriesLimit(series, write);
            case BYTES_LIMIT -> new RemoteWriteException(Rejection.BUFFER_FULL, kind.text()
                    + "; the oldest data is being evicted to make room, retry later");
        };
    }

    private RemoteWriteException seriesLimit(PushedSeries series, DecodedWrite write) {
        Set<Labels> distinct = new HashSet<>();
        for (PushedSeries s : write.series()) {
            distinct.add(s.labels());
        }
        if (distinct.size() > maxActiveSeries) {
            return new RemoteWriteException(Rejection.MORE_SERIES_THAN_LIMIT, "request holds " + distinct.size()
                    + " series, more than the limit of " + maxActiveSeries + " active series; send smaller requests");
        }
        return new RemoteWriteException(Rejection.SERIES_LIMIT, "active series limit of " + maxActiveSeries
                + " reached, cannot add series " + series.labels() + "; idle series leave the buffer after the retention");
    }
}
