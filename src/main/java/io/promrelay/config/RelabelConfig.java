package io.promrelay.config;

import java.util.List;

/**
 * One {@code relabel_config} with Prometheus's defaults already applied: separator ";",
 * regex "(.*)", replacement "$1", action replace. {@code regex} is the unanchored source text.
 */
public record RelabelConfig(List<String> sourceLabels, String separator, String regex, long modulus,
                            String targetLabel, String replacement, Action action) {
    public enum Action {
        REPLACE, KEEP, DROP, KEEPEQUAL, DROPEQUAL, HASHMOD, LABELMAP, LABELDROP, LABELKEEP, LOWERCASE, UPPERCASE
    }
}
