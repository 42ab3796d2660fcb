package io.promrelay.config;

import io.promrelay.config.RelabelConfig.Action;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which stable slice of the targets one of {@code count} replicas scrapes: the targets whose hashmod of
 * {@code __address__} (Prometheus's relabel hashmod, so a Prometheus with the same rules splits alike) equals
 * {@code index}. Applied to a config it appends that filter to every job's relabel_configs, after the user's
 * rules so it sees the final address, and names the shard in the external label {@value #LABEL}.
 */
public record Sharding(int count, int index) {
    public static final String LABEL = "shard";
    private static final String HASH_LABEL = "__tmp_promrelay_shard";
    // A StatefulSet names its pods <name>-<ordinal>, and that is their HOSTNAME.
    private static final Pattern TRAILING_ORDINAL = Pattern.compile(".*-([0-9]+)");

    public Sharding {
        if (count < 1) {
            throw new IllegalArgumentException("--shard.count must be at least 1, got " + count);
        }
        if (index < 0 || index >= count) {
            throw new IllegalArgumentException("--shard.index must be between 0 and " + (count - 1)
                    + " for --shard.count=" + count + ", got " + index);
        }
    }

    /**
     * The shard from the flags: {@code index} when given, else the trailing ordinal of {@code hostname} when
     * there is more than one shard (a StatefulSet pod promrelay-2 is shard 2), else shard 0.
     *
     * @throws IllegalArgumentException when the shard cannot be known or is out of range
     */
    public static Sharding of(int count, Integer index, String hostname) {
        if (index != null) {
            return new Sharding(count, index);
        }
        if (count == 1) {
            return new Sharding(1, 0);
        }
        return new Sharding(count, ordinal(hostname));
    }

    /** The number after the last '-' of a StatefulSet pod name, e.g. 2 for promrelay-2. */
    static int ordinal(String hostname) {
        String name = hostname == null ? "" : hostname;
        Matcher m = TRAILING_ORDINAL.matcher(name);
        if (!m.matches()) {
            throw new IllegalArgumentException("--shard.index is not given and HOSTNAME \"" + name
                    + "\" does not end in -<ordinal> as a StatefulSet pod name does; set --shard.index");
        }
        try {
            return Integer.parseInt(m.group(1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("HOSTNAME \"" + name + "\" ends in an ordinal too large for a shard");
        }
    }

    /** The config this shard runs; one shard of one is the config unchanged. */
    public Config applyTo(Config config) {
        if (count == 1) {
            return config;
        }
        List<ScrapeConfig> jobs = new ArrayList<>();
        for (ScrapeConfig job : config.scrapeConfigs()) {
            jobs.add(withRelabelConfigs(job, keepOwnTargets(job.relabelConfigs())));
        }
        Config sharded = new Config(config.file(), config.global(), config.relay(), List.copyOf(jobs),
                config.remoteWriteConfigs());
        return ExternalLabels.with(sharded, LABEL, Integer.toString(index));
    }

    private List<RelabelConfig> keepOwnTargets(List<RelabelConfig> rules) {
        List<RelabelConfig> out = new ArrayList<>(rules);
        out.add(new RelabelConfig(List.of("__address__"), ";", "(.*)", count, HASH_LABEL, "$1", Action.HASHMOD));
        out.add(new RelabelConfig(List.of(HASH_LABEL), ";", Integer.toString(index), 0, "", "$1", Action.KEEP));
        return List.copyOf(out);
    }

    private static ScrapeConfig withRelabelConfigs(ScrapeConfig j, List<RelabelConfig> rules) {
        return new ScrapeConfig(j.jobName(), j.scrapeInterval(), j.scrapeTimeout(), j.metricsPath(), j.scheme(),
                j.params(), j.honorLabels(), j.honorTimestamps(), j.staticConfigs(), j.fileSdConfigs(),
                j.discoveryConfigs(), rules, j.metricRelabelConfigs(), j.sampleLimit(), j.labelLimit(),
                j.labelNameLengthLimit(), j.labelValueLengthLimit(), j.bodySizeLimit(), j.httpClient());
    }
}
