package io.promrelay.remote.send;

import io.promrelay.model.Labels;

/**
 * A buffer series as one endpoint sends it: external labels added and write relabeling applied, with the
 * label fields already in protobuf form so each batch only appends them.
 *
 * @param ref the series' reference in the buffer, to rewind the endpoint's cursor to samples never delivered
 */
record OutgoingSeries(long ref, Labels labels, byte[] encodedLabels) {
    static OutgoingSeries of(long ref, Labels labels) {
        return new OutgoingSeries(ref, labels, WriteRequestEncoder.encodeLabels(labels));
    }
}
