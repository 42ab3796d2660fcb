package io.promrelay.remote;

import io.promrelay.storage.MetricMetadata;

/** TYPE, HELP and UNIT a sender reported for one metric family. */
public record PushedMetadata(String family, MetricMetadata metadata) {
}
