package io.promrelay.config;

import java.net.URI;
import java.net.URISyntaxException;
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
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setSplitLines(false);
        return new Yaml(options).dump(doc);
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
        putKubernetesSdConfigs(m, job.discoveryConfigs());
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

    private static void putKubernetesSdConfigs(Map<String, Object> m, List<DiscoveryConfig> configs) {
        List<Object> out = new ArrayList<>();
        for (DiscoveryConfig config : configs) {
            if (config instanceof KubernetesSdConfig k) {
                out.add(kubernetesSd(k));
            }
        }
        if (!out.isEmpty()) {
            m.put(KubernetesSdConfig.KEY, out);
        }
    }

    private static Map<String, Object> kubernetesSd(KubernetesSdConfig k) {
        Map<String, Object> s = new LinkedHashMap<>();
        putIfSet(s, "api_server", k.apiServer() == null ? null : redactPassword(k.apiServer()));
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
        if (!http.tls().equals(TlsConfig.NONE)) {
            TlsConfig tls = http.tls();
            Map<String, Object> t = new LinkedHashMap<>();
            putIfSet(t, "ca_file", tls.caFile());
            putIfSet(t, "cert_file", tls.certFile());
            putIfSet(t, "key_file", tls.keyFile());
            putIfSet(t, "server_name", tls.serverName());
            t.put("insecure_skip_verify", tls.insecureSkipVerify());
            putIfSet(t, "min_version", tls.minVersion());
            m.put("tls_config", t);
        }
        putIfSet(m, "proxy_url", http.proxyUrl() == null ? null : redactPassword(http.proxyUrl()));
        m.put("follow_redirects", http.followRedirects());
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

    /** Replaces the password in a proxy URL's user info, which Prometheus also never shows. */
    private static String redactPassword(String url) {
        try {
            URI uri = new URI(url);
            String userInfo = uri.getRawUserInfo();
            if (userInfo == null || !userInfo.contains(":")) {
                return url;
            }
            String user = userInfo.substring(0, userInfo.indexOf(':'));
            return url.replace(userInfo + "@", user + ":" + SECRET + "@");
        } catch (URISyntaxException e) {
            return SECRET;
        }
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
