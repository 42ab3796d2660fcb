package io.promrelay.storage;

import io.promrelay.model.MetricType;

/** What a target said about a metric family on its TYPE, HELP and UNIT lines ("" when it said nothing). */
public record MetricMetadata(MetricType type, String help, String unit) {
}
