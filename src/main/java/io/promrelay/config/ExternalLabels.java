package io.promrelay.config;

/** External labels a command-line flag adds to a loaded config (the shard, the HA replica); a flag wins over the file. */
public final class ExternalLabels {
    private ExternalLabels() {
    }

    public static Config with(Config config, String name, String value) {
        GlobalConfig g = config.global();
        GlobalConfig global = new GlobalConfig(g.scrapeInterval(), g.scrapeTimeout(),
                g.externalLabels().toBuilder().set(name, value).build());
        return new Config(config.file(), global, config.relay(), config.scrapeConfigs(), config.remoteWriteConfigs());
    }
}
