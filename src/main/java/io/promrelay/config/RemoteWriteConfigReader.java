package io.promrelay.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the {@code remote_write} list with Prometheus's defaults and checks: a URL is required, headers that
 * the protocol or the credentials own are refused, names are unique, and an unnamed entry is named after a
 * hash of its settings (six hex digits, as Prometheus names it in its metrics).
 */
final class RemoteWriteConfigReader {
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    private static final int HASH_NAME_LENGTH = 6;
    private static final Set<String> RESERVED_HEADERS = Set.of("host", "content-encoding", "content-length",
            "content-type", "user-agent", "connection", "keep-alive", "proxy-authenticate", "proxy-authorization",
            "www-authenticate", "accept-encoding", "x-prometheus-remote-write-version",
            "x-prometheus-remote-read-version", "x-prometheus-scrape-timeout-seconds", "x-amz-date",
            "x-amz-security-token", "x-amz-content-sha256");

    private RemoteWriteConfigReader() {
    }

    static List<RemoteWriteConfig> readList(YamlValue list, RelativePaths paths) throws ConfigException {
        if (list == null) {
            return List.of();
        }
        List<RemoteWriteConfig> configs = new ArrayList<>();
        Map<String, Integer> nameLines = new HashMap<>();
        for (YamlValue item : list.list()) {
            if (item.isNull()) {
                throw item.error("empty or null remote write config section");
            }
            YamlMapping m = item.mapping(Section.REMOTE_WRITE);
            RemoteWriteConfig config = read(m, paths);
            Integer firstLine = nameLines.putIfAbsent(config.name(), item.where().line());
            if (firstLine != null) {
                throw item.error(m.has("name")
                        ? "found multiple remote write configs with job name \"" + config.name() + "\" (first at line "
                                + firstLine + ")"
                        : "duplicate remote write configs are not allowed (the same as the one at line " + firstLine
                                + ")");
            }
            configs.add(config);
        }
        return List.copyOf(configs);
    }

    private static RemoteWriteConfig read(YamlMapping m, RelativePaths paths) throws ConfigException {
        String url = url(m);
        Duration timeout = m.duration("remote_timeout");
        if (timeout != null && timeout.isZero()) {
            throw m.whereOf("remote_timeout").error("remote_timeout must be positive");
        }
        RemoteWriteConfig config = new RemoteWriteConfig(url, m.string("name", ""),
                timeout == null ? DEFAULT_TIMEOUT : timeout, headers(m),
                RelabelConfigReader.readList(m.get("write_relabel_configs"),
                        "empty or null relabeling rule in remote write config"),
                HttpClientConfigReader.read(m, paths),
                m.has("queue_config") ? queue(m.get("queue_config").mapping(Section.QUEUE)) : QueueConfig.DEFAULT,
                m.has("metadata_config") ? metadata(m.get("metadata_config").mapping(Section.METADATA))
                        : MetadataConfig.DEFAULT);
        if (!config.name().isEmpty()) {
            return config;
        }
        return new RemoteWriteConfig(config.url(), hashName(config), config.remoteTimeout(), config.headers(),
                config.writeRelabelConfigs(), config.httpClient(), config.queue(), config.metadata());
    }

    /** The URL is never echoed: it may carry a password. */
    private static String url(YamlMapping m) throws ConfigException {
        String text = m.string("url", "");
        Where where = m.whereOf("url");
        if (text.isEmpty()) {
            throw where.error("url for remote_write is empty");
        }
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw where.error("url must be an absolute http or https URL such as http://receiver:9090/api/v1/write");
            }
        } catch (URISyntaxException e) {
            throw where.error("url is not a valid URL");
        }
        return text;
    }

    private static Map<String, String> headers(YamlMapping m) throws ConfigException {
        YamlValue value = m.get("headers");
        if (value == null) {
            return Map.of();
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (Map.Entry<String, YamlValue> e : value.entries().entrySet()) {
            String name = e.getKey();
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("authorization")) {
                throw e.getValue().error("authorization header must be changed via the basic_auth or authorization"
                        + " parameter");
            }
            if (RESERVED_HEADERS.contains(lower)) {
                throw e.getValue().error(name + " is a reserved header. It must not be changed");
            }
            headers.put(name, e.getValue().isNull() ? "" : e.getValue().string());
        }
        return Collections.unmodifiableMap(headers);
    }

    private static QueueConfig queue(YamlMapping m) throws ConfigException {
        QueueConfig d = QueueConfig.DEFAULT;
        int minShards = positiveInt(m, "min_shards", d.minShards());
        int maxShards = positiveInt(m, "max_shards", d.maxShards());
        if (minShards > maxShards) {
            throw m.whereOf("min_shards").error("min_shards (" + minShards + ") must not exceed max_shards ("
                    + maxShards + ")");
        }
        Duration deadline = m.duration("batch_send_deadline");
        if (deadline != null && deadline.isZero()) {
            throw m.whereOf("batch_send_deadline").error("batch_send_deadline must be positive");
        }
        Duration minBackoff = orDefault(m.duration("min_backoff"), d.minBackoff());
        Duration maxBackoff = orDefault(m.duration("max_backoff"), d.maxBackoff());
        if (minBackoff.compareTo(maxBackoff) > 0) {
            throw m.whereOf("min_backoff").error("min_backoff (" + PrometheusDuration.format(minBackoff)
                    + ") must not exceed max_backoff (" + PrometheusDuration.format(maxBackoff) + ")");
        }
        return new QueueConfig(positiveInt(m, "capacity", d.capacity()), minShards, maxShards,
                positiveInt(m, "max_samples_per_send", d.maxSamplesPerSend()),
                deadline == null ? d.batchSendDeadline() : deadline, minBackoff, maxBackoff,
                m.bool("retry_on_http_429", d.retryOnHttp429()));
    }

    private static MetadataConfig metadata(YamlMapping m) throws ConfigException {
        MetadataConfig d = MetadataConfig.DEFAULT;
        Duration interval = m.duration("send_interval");
        if (interval != null && interval.isZero()) {
            throw m.whereOf("send_interval").error("send_interval must be positive");
        }
        return new MetadataConfig(m.bool("send", d.send()), interval == null ? d.sendInterval() : interval,
                positiveInt(m, "max_samples_per_send", d.maxSamplesPerSend()));
    }

    private static Duration orDefault(Duration value, Duration fallback) {
        return value == null ? fallback : value;
    }

    private static int positiveInt(YamlMapping m, String key, int fallback) throws ConfigException {
        if (!m.has(key)) {
            return fallback;
        }
        long value = m.nonNegativeLong(key);
        if (value == 0 || value > Integer.MAX_VALUE) {
            throw m.whereOf(key).error(key + " must be between 1 and " + Integer.MAX_VALUE);
        }
        return (int) value;
    }

    /**
     * Prometheus names an unnamed endpoint after a hash of its marshalled config, where secrets show as
     * {@code <secret>}; hashing the rendered form keeps that property (and never hashes a secret).
     */
    private static String hashName(RemoteWriteConfig config) {
        try {
            byte[] rendered = ConfigRenderer.render(ConfigRenderer.remoteWrite(config)).getBytes(StandardCharsets.UTF_8);
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(rendered);
            return HexFormat.of().formatHex(digest).substring(0, HASH_NAME_LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
