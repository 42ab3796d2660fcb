package io.promrelay.config;

import io.promrelay.config.DnsSdConfig.RecordType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Reads {@code dns_sd_configs} entries with the checks of Prometheus's dns.SDConfig. */
final class DnsSdConfigReader {
    private static final Duration DEFAULT_REFRESH = Duration.ofSeconds(30);
    private static final int MAX_PORT = 65_535;

    private DnsSdConfigReader() {
    }

    static List<DnsSdConfig> read(YamlMapping scrape) throws ConfigException {
        YamlValue list = scrape.get(DnsSdConfig.KEY);
        if (list == null) {
            return List.of();
        }
        List<DnsSdConfig> configs = new ArrayList<>();
        for (YamlValue item : list.list()) {
            configs.add(readOne(item.mapping(Section.DNS_SD)));
        }
        return List.copyOf(configs);
    }

    private static DnsSdConfig readOne(YamlMapping m) throws ConfigException {
        List<String> names = m.has("names") ? m.get("names").strings() : List.of();
        if (names.isEmpty()) {
            throw m.whereOf("names").error("DNS-SD config must contain at least one SRV record name");
        }
        RecordType type = type(m);
        long port = m.nonNegativeLong("port");
        if (type != RecordType.SRV && port == 0) {
            throw m.whereOf("port").error("a port is required in DNS-SD configs for all record types except SRV");
        }
        if (port > MAX_PORT) {
            throw m.whereOf("port").error("port " + port + " is out of range (1-" + MAX_PORT + ")");
        }
        return new DnsSdConfig(names, type, (int) port, m.positiveDuration("refresh_interval", DEFAULT_REFRESH));
    }

    // Prometheus compares the type case-insensitively.
    private static RecordType type(YamlMapping m) throws ConfigException {
        String text = m.string("type", "SRV");
        try {
            return RecordType.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw m.whereOf("type").error("invalid DNS-SD records type " + text + " (one of "
                    + Arrays.toString(RecordType.values()) + ")");
        }
    }
}
