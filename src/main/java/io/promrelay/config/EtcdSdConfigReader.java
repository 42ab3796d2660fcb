package io.promrelay.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Reads {@code etcd_sd_configs} entries: endpoint URLs, the SkyDNS prefix, TLS, and the re-list interval. */
final class EtcdSdConfigReader {
    private static final Duration DEFAULT_REFRESH = Duration.ofMinutes(1);
    private static final String DEFAULT_PREFIX = "/skydns";

    private EtcdSdConfigReader() {
    }

    static List<EtcdSdConfig> read(YamlMapping scrape, RelativePaths paths) throws ConfigException {
        YamlValue list = scrape.get(EtcdSdConfig.KEY);
        if (list == null) {
            return List.of();
        }
        List<EtcdSdConfig> configs = new ArrayList<>();
        for (YamlValue item : list.list()) {
            configs.add(readOne(item.mapping(Section.ETCD_SD), paths));
        }
        return List.copyOf(configs);
    }

    private static EtcdSdConfig readOne(YamlMapping m, RelativePaths paths) throws ConfigException {
        List<YamlValue> endpointValues = m.has("endpoints") ? m.get("endpoints").list() : List.of();
        if (endpointValues.isEmpty()) {
            throw m.whereOf("endpoints").error("etcd SD config must contain at least one endpoint URL");
        }
        List<String> endpoints = new ArrayList<>();
        for (YamlValue value : endpointValues) {
            endpoints.add(endpoint(value));
        }
        TlsConfig tls = m.has("tls_config") ? HttpClientConfigReader.tls(m.get("tls_config"), paths) : TlsConfig.NONE;
        return new EtcdSdConfig(endpoints, prefix(m), tls, m.positiveDuration("refresh_interval", DEFAULT_REFRESH));
    }

    /** An absolute http(s) URL without a trailing slash, so API paths can be appended. */
    private static String endpoint(YamlValue value) throws ConfigException {
        String text = value.string();
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme();
            if (uri.getHost() == null || !("http".equals(scheme) || "https".equals(scheme))) {
                throw value.error("endpoint \"" + text + "\" must be an http:// or https:// URL with a host");
            }
            if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
                throw value.error("endpoint \"" + text + "\" must not have user info, a query or a fragment");
            }
        } catch (URISyntaxException e) {
            throw value.error("endpoint \"" + text + "\" is not a valid URL: " + e.getReason());
        }
        return text.replaceAll("/+$", "");
    }

    /** Without a trailing slash: the discovery reads the keys below "prefix/". */
    private static String prefix(YamlMapping m) throws ConfigException {
        String prefix = m.string("prefix", DEFAULT_PREFIX);
        if (!prefix.startsWith("/")) {
            throw m.whereOf("prefix").error("prefix \"" + prefix + "\" must start with /");
        }
        return prefix.replaceAll("/+$", "");
    }
}
