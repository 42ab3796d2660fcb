package io.promrelay.remote.send;

import io.promrelay.model.Labels;

/**
 * A buffer series as one endpoint sends it: external labels added and write relabeling applied, with the
 * label fields already in protobuf form so each batch only appends them.
 */
record OutgoingSeries(Labels labels, byte[] encodedLabels) {
    static OutgoingSeries of(Labels labels) {
        return new OutgoingSeries(labels, WriteRequestEncoder.encodeLabels(labels));
    }
}
