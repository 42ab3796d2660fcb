package io.promrelay.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Renders the effective config as Prometheus-style YAML (what /api/v1/status/config serves): defaults filled
 * in, durations and sizes in Prometheus's form, and every secret shown as {@code <secret>}.
 */
public final class ConfigRenderer {
    private static final String SECRET = "<secret>";

    private ConfigRenderer() {
    }

    public static String toYaml(Config config) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("global", global(config.global()));
        doc.put("promrelay", relay(config.relay()));
        List<Object> jobs = new ArrayList<>();
        for (ScrapeConfig job : config.scrapeConfigs()) {
            jobs.add(scrape(job));
        }
        if (!jobs.isEmpty()) {
            doc.put("scrape_configs", jobs);
        }
        List<Object> remoteWrites = new ArrayList<>();
        for (RemoteWriteConfig rw : config.remoteWriteConfigs()) {
            remoteWrites.add(remoteWrite(rw));
        }
        if (!remoteWrites.isEmpty()) {
            doc.put("remote_write", remoteWrites);
        }
        return render(doc);
    }

    static String render(Map<String, Object> doc) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setSplitLines(false);
        return new Yaml(options).dump(doc);
    }

    /** Header values are shown as secrets: they often carry API keys or tenant tokens. */
    static Map<String, Object> remoteWrite(RemoteWriteConfig rw) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("url", RedactedUrl.of(rw.url()));
        m.put("remote_timeout", PrometheusDuration.format(rw.remoteTimeout()));
        if (!rw.headers().isEmpty()) {
            Map<String, Object> headers = new LinkedHashMap<>();
            rw.headers().keySet().forEach(name -> headers.put(name, SECRET));
            m.put("headers", headers);
        }
        if (!rw.name().isEmpty()) {
            m.put("name", rw.name());
        }
        putRelabelConfigs(m, "write_relabel_configs", rw.writeRelabelConfigs());
        httpClient(rw.httpClient(), m);
        QueueConfig q = rw.queue();
        Map<String, Object> queue = new LinkedHashMap<>();
        queue.put("capacity", q.capacity());
        queue.put("max_shards", q.maxShards());
        queue.put("min_shards", q.minShards());
        queue.put("max_samples_per_send", q.maxSamplesPerSend());
        queue.put("batch_send_deadline", PrometheusDuration.format(q.batchSendDeadline()));
        queue.put("min_backoff", PrometheusDuration.format(q.minBackoff()));
        queue.put("max_backoff", PrometheusDuration.format(q.maxBackoff()));
        queue.put("retry_on_http_429", q.retryOnHttp429());
        m.put("queue_config", queue);
        MetadataConfig md = rw.metadata();
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("send", md.send());
        metadata.put("send_interval", PrometheusDuration.format(md.sendInterval()));
        metadata.put("max_samples_per_send", md.maxSamplesPerSend());
        m.put("metadata_config", metadata);
        return m;
    }

    private static Map<String, Object> global(GlobalConfig global) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scrape_interval", PrometheusDuration.format(global.scrapeInterval()));
        m.put("scrape_timeout", PrometheusDuration.format(global.scrapeTimeout()));
        if (!global.externalLabels().isEmpty()) {
            m.put("external_labels", global.externalLabels().toMap());
        }
        return m;
    }

    private static Map<String, Object> relay(RelayConfig relay) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("listen_address", relay.listenAddress());
        m.put("retention", PrometheusDuration.format(relay.retention()));
        m.put("max_active_series", relay.maxActiveSeries());
        m.put("max_scrape_concurrency", relay.maxScrapeConcurrency());
        m.put("max_buffer_bytes", ByteSize.format(relay.maxBufferBytes()));
        return m;
    }

    private static Map<String, Object> scrape(ScrapeConfig job) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("job_name", job.jobName());
        if (job.honorLabels()) {
            m.put("honor_labels", true);
        }
        m.put("honor_timestamps", job.honorTimestamps());
        if (!job.params().isEmpty()) {
            m.put("params", job.params());
        }
        m.put("scrape_interval", PrometheusDuration.format(job.scrapeInterval()));
        m.put("scrape_timeout", PrometheusDuration.format(job.scrapeTimeout()));
        m.put("metrics_path", job.metricsPath());
        m.put("scheme", job.scheme());
        if (job.bodySizeLimit() > 0) {
            m.put("body_size_limit", ByteSize.format(job.bodySizeLimit()));
        }
        putIfPositive(m, "sample_limit", job.sampleLimit());
        putIfPositive(m, "label_limit", job.labelLimit());
        putIfPositive(m, "label_name_length_limit", job.labelNameLengthLimit());
        putIfPositive(m, "label_value_length_limit", job.labelValueLengthLimit());
        httpClient(job.httpClient(), m);
        if (!job.fileSdConfigs().isEmpty()) {
            List<Object> sds = new ArrayList<>();
            for (FileSdConfig sd : job.fileSdConfigs()) {
                Map<String, Object> s = new LinkedHashMap<>();
                s.put("files", sd.files());
                s.put("refresh_interval", PrometheusDuration.format(sd.refreshInterval()));
                sds.add(s);
            }
            m.put("file_sd_configs", sds);
        }
        discoveryConfigs(job.discoveryConfigs(), m);
        if (!job.staticConfigs().isEmpty()) {
            List<Object> groups = new ArrayList<>();
            for (StaticConfig group : job.staticConfigs()) {
                Map<String, Object> g = new LinkedHashMap<>();
                g.put("targets", group.targets());
                if (!group.labels().isEmpty()) {
                    g.put("labels", group.labels().toMap());
                }
                groups.add(g);
            }
            m.put("static_configs", groups);
        }
        putRelabelConfigs(m, "relabel_configs", job.relabelConfigs());
        putRelabelConfigs(m, "metric_relabel_configs", job.metricRelabelConfigs());
        return m;
    }

    private static Map<String, Object> kubernetesSd(KubernetesSdConfig k) {
        Map<String, Object> s = new LinkedHashMap<>();
        putIfSet(s, "api_server", k.apiServer() == null ? null : RedactedUrl.of(k.apiServer()));
        s.put("role", k.role().configName());
        putIfSet(s, "kubeconfig_file", k.kubeconfigFile());
        Map<String, Object> namespaces = new LinkedHashMap<>();
        namespaces.put("own_namespace", k.namespaces().ownNamespace());
        namespaces.put("names", k.namespaces().names());
        s.put("namespaces", namespaces);
        if (!k.selectors().isEmpty()) {
            List<Object> selectors = new ArrayList<>();
            for (KubernetesSdConfig.Selector sel : k.selectors()) {
                Map<String, Object> one = new LinkedHashMap<>();
                one.put("role", sel.role().configName());
                one.put("label", sel.label());
                one.put("field", sel.field());
                selectors.add(one);
            }
            s.put("selectors", selectors);
        }
        s.put("attach_metadata", Map.of("node", k.attachNodeMetadata()));
        httpClient(k.httpClient(), s);
        return s;
    }

    private static void httpClient(HttpClientConfig http, Map<String, Object> m) {
        if (http.basicAuth() != null) {
            BasicAuth basic = http.basicAuth();
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("username", basic.username());
            putIfSet(b, "password", basic.password() == null ? null : SECRET);
            putIfSet(b, "password_file", basic.passwordFile());
            m.put("basic_auth", b);
        }
        if (http.authorization() != null) {
            Authorization auth = http.authorization();
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("type", auth.type());
            putIfSet(a, "credentials", auth.credentials() == null ? null : SECRET);
            putIfSet(a, "credentials_file", auth.credentialsFile());
            m.put("authorization", a);
        }
        putTls(m, http.tls());
        putIfSet(m, "proxy_url", http.proxyUrl() == null ? null : RedactedUrl.of(http.proxyUrl()));
        m.put("follow_redirects", http.followRedirects());
    }

    private static void putTls(Map<String, Object> m, TlsConfig tls) {
        if (tls.equals(TlsConfig.NONE)) {
            return;
        }
        Map<String, Object> t = new LinkedHashMap<>();
        putIfSet(t, "ca_file", tls.caFile());
        putIfSet(t, "cert_file", tls.certFile());
        putIfSet(t, "key_file", tls.keyFile());
        putIfSet(t, "server_name", tls.serverName());
        t.put("insecure_skip_verify", tls.insecureSkipVerify());
        putIfSet(t, "min_version", tls.minVersion());
        m.put("tls_config", t);
    }

    /** Each mechanism's entries under its own key, in the order they were configured. */
    private static void discoveryConfigs(List<DiscoveryConfig> configs, Map<String, Object> m) {
        Map<String, List<Object>> byKey = new LinkedHashMap<>();
        for (DiscoveryConfig config : configs) {
            byKey.computeIfAbsent(config.key(), k -> new ArrayList<>()).add(discoveryConfig(config));
        }
        m.putAll(byKey);
    }

    private static Map<String, Object> discoveryConfig(DiscoveryConfig config) {
        if (config instanceof KubernetesSdConfig kubernetes) {
            return kubernetesSd(kubernetes);
        }
        Map<String, Object> d = new LinkedHashMap<>();
        if (config instanceof DnsSdConfig dns) {
            d.put("names", dns.names());
            d.put("refresh_interval", PrometheusDuration.format(dns.refreshInterval()));
            d.put("type", dns.type().name());
            d.put("port", dns.port());
        } else if (config instanceof EtcdSdConfig etcd) {
            d.put("endpoints", etcd.endpoints());
            d.put("prefix", etcd.prefix());
            putTls(d, etcd.tls());
            d.put("refresh_interval", PrometheusDuration.format(etcd.refreshInterval()));
        } else {
            throw new IllegalArgumentException("no rendering for " + config.key());
        }
        return d;
    }

    private static void putRelabelConfigs(Map<String, Object> m, String key, List<RelabelConfig> configs) {
        if (configs.isEmpty()) {
            return;
        }
        List<Object> out = new ArrayList<>();
        for (RelabelConfig rc : configs) {
            Map<String, Object> r = new LinkedHashMap<>();
            if (!rc.sourceLabels().isEmpty()) {
                r.put("source_labels", rc.sourceLabels());
            }
            r.put("separator", rc.separator());
            r.put("regex", rc.regex());
            putIfPositive(r, "modulus", rc.modulus());
            if (!rc.targetLabel().isEmpty()) {
                r.put("target_label", rc.targetLabel());
            }
            r.put("replacement", rc.replacement());
            r.put("action", RelabelConfigReader.name(rc.action()));
            out.add(r);
        }
        m.put(key, out);
    }

    private static void putIfPositive(Map<String, Object> m, String key, long value) {
        if (value > 0) {
            m.put(key, value);
        }
    }

    private static void putIfSet(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value.toString());
        }
    }
}
