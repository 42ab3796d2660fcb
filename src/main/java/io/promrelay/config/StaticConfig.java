package io.promrelay.config;

import io.promrelay.model.Labels;
import java.util.List;

/** One {@code static_configs} entry: "host:port" targets sharing a set of labels. */
public record StaticConfig(List<String> targets, Labels labels) {
}
